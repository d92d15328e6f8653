import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Injectable } from '@nestjs/common';
import { canonicalUrl } from '../../common/text/canonical-url';
import { CommentStatus } from '../../generated/prisma/enums';
import { ImportedCommentsService } from '../comments/import/imported-comments.service';
import { htmlToMarkdown } from './body/html-to-markdown';
import { ImportRepository, StagedAuthor, StagedComment, StagedThread } from './import.repository';
import { DisqusReader } from './sources/disqus-reader';
import { ImportFormat, RecordParser, SourceComment, SourceRecord, SourceThread } from './sources/source-records';
import { WxrReader } from './sources/wxr-reader';

/** How each source state is brought over; null: not imported, with the reason recorded. */
export const STATE_MAPPING: Record<SourceComment['state'], CommentStatus | null> = {
  approved: CommentStatus.APPROVED,
  pending: CommentStatus.PENDING,
  deleted: CommentStatus.DELETED,
  spam: null,
  trash: null,
  pingback: null,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Comments staged per transaction. */
const STAGE_BATCH = 1000;

export interface ReadProgress {
  bytes: number;
  total: number;
}

/**
 * Reads an export file as a stream, a chunk at a time, and stages its threads, authors and
 * comments in batches (each one transaction). Bodies are converted and sanitized here, once per
 * comment; comments an earlier run staged are not converted again. Memory holds one chunk and
 * one batch, whatever the file's size.
 */
@Injectable()
export class ImportStagingService {
  constructor(
    private readonly repo: ImportRepository,
    private readonly comments: ImportedCommentsService,
  ) {}

  /** The source name mappings are kept under (see ImportArticle.source), read from the file's head for WXR. */
  async stageFile(format: ImportFormat, path: string, options: { siteUrl?: string; onProgress?: (p: ReadProgress) => void }): Promise<{ source: string; records: number }> {
    const total = statSync(path).size;
    const wxr = format === 'wxr' ? new WxrReader(options.siteUrl ?? null) : null;
    const parser: RecordParser = wxr ?? new DisqusReader();
    const sourceOf = () => (wxr ? `wxr:${options.siteUrl ?? wxr.baseSiteUrl ?? ''}` : 'disqus');
    const decoder = new StringDecoder('utf8');
    let pending: SourceRecord[] = [];
    let bytes = 0;
    let records = 0;
    let source: string | null = null;
    const flush = async () => {
      source ??= sourceOf();
      records += pending.length;
      await this.stageRecords(source, pending.splice(0));
    };
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      pending.push(...parser.write(decoder.write(chunk)));
      if (pending.length >= STAGE_BATCH) await flush();
      options.onProgress?.({ bytes, total });
    }
    pending.push(...parser.write(decoder.end()), ...parser.end());
    await flush();
    pending = [];
    return { source: source ?? sourceOf(), records };
  }

  private async stageRecords(source: string, records: SourceRecord[]): Promise<void> {
    const threads: StagedThread[] = [];
    const authors = new Map<string, StagedAuthor>();
    const incoming = records.filter((r): r is SourceComment => r.kind === 'comment');
    const known = incoming.length > 0 ? await this.repo.stagedCommentIds(source, incoming.map((c) => c.id)) : new Set<string>();
    const comments: StagedComment[] = [];
    for (const record of records) {
      if (record.kind === 'thread') {
        const staged = stagedThread(record);
        if (staged) threads.push(staged);
      } else if (!known.has(record.id)) {
        known.add(record.id);
        const author = authorOf(record);
        const comment = this.stagedComment(record, author.key);
        // The first name a commenter used in the file is the one they get (later batches do not overwrite it either).
        if (comment.authorKey && !authors.has(author.key)) authors.set(author.key, author);
        comments.push(comment);
      }
    }
    if (threads.length + comments.length === 0) return;
    await this.repo.stage(source, threads, [...authors.values()], comments);
  }

  private stagedComment(c: SourceComment, authorKey: string): StagedComment {
    const base = { sourceId: c.id, articleSourceId: c.threadId, parentSourceId: c.parentId === c.id ? null : c.parentId, createdAt: c.createdAt ?? new Date(0) };
    const skip = (reason: string): StagedComment => ({ ...base, authorKey: null, status: null, bodySource: null, bodyHtml: null, skipReason: reason });
    const status = STATE_MAPPING[c.state];
    if (status === null) return skip(c.state);
    if (!c.createdAt) return skip('no date');
    // A deleted comment keeps its place for its replies, without its text.
    if (status === CommentStatus.DELETED) return { ...base, authorKey, status, bodySource: '', bodyHtml: '', skipReason: null };
    const body = this.comments.prepareBody(htmlToMarkdown(c.html));
    if (!body) return skip('empty');
    return { ...base, authorKey, status, bodySource: body.source, bodyHtml: body.html, skipReason: null };
  }
}

function stagedThread(t: SourceThread): StagedThread | null {
  const url = canonicalUrl(t.link);
  if (!url || url.length > 2000) return null;
  return { sourceId: t.id, url, title: (t.title || url).slice(0, 300), publishedAt: t.publishedAt };
}

/** Commenters are one person per email; without one, per user name (Disqus), else per name. */
function authorOf(c: SourceComment): StagedAuthor {
  const name = c.authorName.trim() || c.authorUsername?.trim() || 'Anonymous';
  const email = c.authorEmail?.trim().toLowerCase() ?? '';
  if (EMAIL.test(email) && email.length <= 254) return { key: `email:${email}`, displayName: name, email };
  if (c.authorUsername) return { key: `user:${c.authorUsername.trim()}`, displayName: name, email: null };
  return { key: `name:${name}`, displayName: name, email: null };
}
