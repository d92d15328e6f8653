import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import type { WordKind } from '../../generated/prisma/enums';

@Injectable()
export class WordListsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findAll() {
    return this.prisma.moderationWord.findMany({ orderBy: [{ kind: 'asc' }, { phrase: 'asc' }] });
  }

  /** Cheap change detector for the cache: count and newest id change whenever the list does. */
  async version(): Promise<string> {
    const rows = await this.prisma.$queryRaw<{ v: string }[]>`
      SELECT count(*)::text || ':' || coalesce(max(created_at)::text, '') || ':' || coalesce(sum(hashtext(id::text))::text, '') AS v FROM moderation_words`;
    return rows[0].v;
  }

  create(phrase: string, kind: WordKind, tx: Tx) {
    return tx.moderationWord.create({ data: { phrase, kind } });
  }

  delete(id: string, tx: Tx) {
    return tx.moderationWord.delete({ where: { id } });
  }

  findById(id: string) {
    return this.prisma.moderationWord.findUnique({ where: { id } });
  }
}
