import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';

export interface TagRow {
  id: string;
  slug: string;
  name: string;
  articleCount: number;
}

const WITH_COUNT = { _count: { select: { articles: true } } } as const;

type TagWithCount = { id: string; slug: string; name: string; _count: { articles: number } };

function toRow(t: TagWithCount): TagRow {
  return { id: t.id, slug: t.slug, name: t.name, articleCount: t._count.articles };
}

@Injectable()
export class TagsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async listWithCounts(): Promise<TagRow[]> {
    const tags = await this.prisma.tag.findMany({ include: WITH_COUNT, orderBy: { name: 'asc' } });
    return tags.map(toRow);
  }

  async findBySlugWithCount(slug: string): Promise<TagRow | null> {
    const tag = await this.prisma.tag.findUnique({ where: { slug }, include: WITH_COUNT });
    return tag ? toRow(tag) : null;
  }

  async create(slug: string, name: string): Promise<TagRow> {
    const tag = await this.prisma.tag.create({ data: { slug, name }, include: WITH_COUNT });
    return toRow(tag);
  }

  /** A new slug, a new name, or both. */
  async rename(slug: string, to: { slug?: string; name?: string }): Promise<TagRow> {
    const tag = await this.prisma.tag.update({ where: { slug }, data: to, include: WITH_COUNT });
    return toRow(tag);
  }

  async deleteBySlug(slug: string): Promise<number> {
    const { count } = await this.prisma.tag.deleteMany({ where: { slug } });
    return count;
  }

  /** Inserts the missing slugs (keeping existing names) and returns the ids of all of them. */
  async upsertMany(tags: { slug: string; name: string }[], tx: Tx): Promise<string[]> {
    if (tags.length === 0) return [];
    await tx.tag.createMany({ data: tags, skipDuplicates: true });
    const rows = await tx.tag.findMany({ where: { slug: { in: tags.map((t) => t.slug) } }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}
