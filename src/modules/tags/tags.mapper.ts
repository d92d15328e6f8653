import type { TagResponseDto } from './dto/tag.dto';
import type { TagRow } from './tags.repository';

export function toTagResponse(row: TagRow): TagResponseDto {
  return { id: row.id, slug: row.slug, name: row.name, articleCount: row.articleCount };
}
