import { Injectable } from '@nestjs/common';
import { slugify } from '../../common/text/slug';
import { Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import { CreateTagDto, TagResponseDto, UpdateTagDto } from './dto/tag.dto';
import { tagError } from './tags.errors';
import { toTagResponse } from './tags.mapper';
import { TagsRepository } from './tags.repository';

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

@Injectable()
export class TagsService {
  constructor(private readonly tags: TagsRepository) {}

  async list(): Promise<TagResponseDto[]> {
    return (await this.tags.listWithCounts()).map(toTagResponse);
  }

  async get(slug: string): Promise<TagResponseDto> {
    const row = await this.tags.findBySlugWithCount(slug);
    if (!row) throw tagError('TAG_NOT_FOUND', `No tag "${slug}".`);
    return toTagResponse(row);
  }

  async create(dto: CreateTagDto): Promise<TagResponseDto> {
    const slug = dto.slug ?? slugify(dto.name);
    if (!slug) throw tagError('TAG_NAME_UNUSABLE', 'Give a slug: the name has no letters a slug can be made from.');
    try {
      return toTagResponse(await this.tags.create(slug, dto.name.trim()));
    } catch (err) {
      if (isUniqueViolation(err)) throw tagError('TAG_SLUG_TAKEN', `The slug "${slug}" is already used.`);
      throw err;
    }
  }

  async rename(slug: string, dto: UpdateTagDto): Promise<TagResponseDto> {
    const existing = await this.tags.findBySlugWithCount(slug);
    if (!existing) throw tagError('TAG_NOT_FOUND', `No tag "${slug}".`);
    try {
      return toTagResponse(await this.tags.rename(slug, { slug: dto.slug, name: dto.name?.trim() }));
    } catch (err) {
      if (isUniqueViolation(err)) throw tagError('TAG_SLUG_TAKEN', `The slug "${dto.slug}" is already used.`);
      throw err;
    }
  }

  async remove(slug: string): Promise<void> {
    const deleted = await this.tags.deleteBySlug(slug);
    if (deleted === 0) throw tagError('TAG_NOT_FOUND', `No tag "${slug}".`);
  }

  /**
   * For article writes: tags are given by display name or slug; unknown ones are created with
   * the given text as their name. Returns tag ids, inside the caller's transaction.
   */
  async resolveForArticle(labels: string[], tx: Tx): Promise<string[]> {
    const bySlug = new Map<string, string>();
    for (const label of labels) {
      const slug = slugify(label);
      if (!slug) throw tagError('TAG_NAME_UNUSABLE', `The tag "${label}" has no letters a slug can be made from.`);
      if (!bySlug.has(slug)) bySlug.set(slug, label.trim());
    }
    return this.tags.upsertMany([...bySlug].map(([slug, name]) => ({ slug, name })), tx);
  }
}
