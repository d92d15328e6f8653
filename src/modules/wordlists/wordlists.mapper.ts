import type { WordKind } from '../../generated/prisma/enums';
import type { WordDto } from './dto/word.dto';

export function toWordResponse(row: { id: string; phrase: string; kind: WordKind; createdAt: Date }): WordDto {
  return { id: row.id, phrase: row.phrase, kind: row.kind, createdAt: row.createdAt.toISOString() };
}
