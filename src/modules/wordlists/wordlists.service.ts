import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../common/auth/principal';
import { commonError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PrismaService } from '../../database/prisma.service';
import { uniqueViolationFields } from '../../database/unique-violation';
import { AuditService } from '../audit/audit.service';
import { AddWordDto, WordDto } from './dto/word.dto';
import { starterEntries } from './matching/starter-list';
import { WordEntry, WordMatcher } from './matching/word-matcher';
import { toWordResponse } from './wordlists.mapper';
import { WordListsRepository } from './wordlists.repository';

/** How long an instance trusts its cached matcher before checking whether the list changed. */
const CACHE_CHECK_MS = 5_000;

/**
 * Banned and suspect words. The compiled matcher is cached per instance; every instance checks a
 * cheap version stamp at most every few seconds, so an admin's change reaches all instances
 * behind a load balancer within seconds without any shared state but the database.
 */
@Injectable()
export class WordListsService {
  private matcher: WordMatcher;
  /** The starter list when MOD_STARTER_WORDS turns it on; matched with the site's own entries. */
  private readonly starter: WordEntry[];
  private version: string | null = null;
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly words: WordListsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.starter = starterEntries(config.moderation.starterWords);
    this.matcher = new WordMatcher(this.starter);
  }

  async list(): Promise<WordDto[]> {
    return (await this.words.findAll()).map(toWordResponse);
  }

  async add(actor: Principal, dto: AddWordDto): Promise<WordDto> {
    const phrase = dto.phrase.trim().normalize('NFKC');
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await this.words.create(phrase, dto.kind, tx);
        await this.audit.record({ kind: 'WORD_LIST_CHANGED', actorId: actor.id, data: { change: 'added', phrase, kind: dto.kind } }, tx);
        return created;
      });
      this.checkedAt = 0;
      return toWordResponse(row);
    } catch (err) {
      if (uniqueViolationFields(err)) throw commonError('CONFLICT', 'This phrase is already on that list.');
      throw err;
    }
  }

  async remove(actor: Principal, id: string): Promise<void> {
    const word = await this.words.findById(id);
    if (!word) throw commonError('NOT_FOUND', 'No such word-list entry.');
    await this.prisma.$transaction(async (tx) => {
      await this.words.delete(id, tx);
      await this.audit.record({ kind: 'WORD_LIST_CHANGED', actorId: actor.id, data: { change: 'removed', phrase: word.phrase, kind: word.kind } }, tx);
    });
    this.checkedAt = 0;
  }

  /** Entries found in a comment body. */
  async match(text: string): Promise<{ phrase: string; kind: 'BANNED' | 'SUSPECT' }[]> {
    await this.fresh();
    return this.matcher.match(text).map((m) => ({ phrase: m.phrase, kind: m.kind }));
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < CACHE_CHECK_MS) return;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    await this.refreshing;
  }

  private async refresh(): Promise<void> {
    const version = await this.words.version();
    if (version !== this.version) {
      const rows = await this.words.findAll();
      this.matcher = new WordMatcher([...this.starter, ...rows.map((r) => ({ id: r.id, phrase: r.phrase, kind: r.kind }))]);
      this.version = version;
    }
    this.checkedAt = Date.now();
  }
}
