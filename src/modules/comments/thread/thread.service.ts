import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import { commonError } from '../../../common/errors/app-error';
import { isUuid } from '../../../common/http/parse-uuid.pipe';
import { dateFromCursor, decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { commentsOpenAt } from '../../articles/articles.mapper';
import { ArticlesService } from '../../articles/articles.service';
import { commentError } from '../comments.errors';
import {
  CommentCountsDto,
  CommentDto,
  PermalinkDto,
  RepliesPageDto,
  RepliesQueryDto,
  ThreadPageDto,
  ThreadQueryDto,
  ThreadSort,
} from '../dto/comment.dto';
import { CommentRow, PATH_SEGMENT } from './comment-row';
import { rejectionStatement } from './rejection-statement';
import { assembleThreads, ThreadCaps, ThreadNode } from './thread-assembly';
import { ReactionsByComment, toCommentResponse, toHelpfulNoteResponse, toLabelResponse, toThreadResponse, toUnavailableResponse } from './thread.mapper';
import { HelpfulNoteRow, LabelRow, LatestDecisionRow, ThreadRepository, TopKey } from './thread.repository';
import { Viewer } from './visibility';

const INT4_MAX = 2_147_483_647;

type TopCursor = { s: string; c: string; i: string; n?: number };

function viewerOf(p: Principal | undefined): Viewer | null {
  return p ? { id: p.id, role: p.role } : null;
}

/** Reading threads: pages of top comments with their first replies, more replies, permalinks. */
@Injectable()
export class ThreadService {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly articles: ArticlesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get caps(): ThreadCaps {
    return { depth: this.config.threadReplyDepth, perComment: this.config.threadRepliesPerComment };
  }

  private get fetchCaps() {
    // Fetch a little more than shown: rows the viewer may not see are skipped in assembly.
    return { depth: this.caps.depth, fetch: this.caps.perComment * 2 + 2 };
  }

  async page(articleIdOrSlug: string, query: ThreadQueryDto, principal?: Principal): Promise<ThreadPageDto> {
    const article = await this.articles.findCommentSettings(articleIdOrSlug);
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? 20;
    const after = query.cursor ? this.decodeTopCursor(query.cursor, sort) : null;
    const viewer = viewerOf(principal);
    const { tops, replies } = await this.threads.findTopPage(article.id, sort, after, limit, viewer?.id ?? null, this.fetchCaps);
    const kept = tops.slice(0, limit);
    const ownHeld = viewer && !after ? await this.threads.findOwnHeldTops(article.id, viewer.id) : [];
    const nodes = assembleThreads(kept, replies, this.caps, viewer);
    const reactions = await this.reactionsFor(viewer, [...nodes.flatMap(collectIds), ...ownHeld.map((r) => r.id)]);
    const last = kept[kept.length - 1];
    const items = this.toDtos(nodes, viewer, reactions);
    await this.attachLabels(items, [...kept, ...replies]);
    await this.attachRejections(items, [...kept, ...replies]);
    return {
      article: { id: article.id, commentCount: article.commentCount, open: commentsOpenAt(article, new Date()) },
      awaitingReview: ownHeld.map((r) => toCommentResponse(r, viewer, reactions)).filter((c): c is CommentDto => c !== null),
      items,
      nextCursor: tops.length > limit ? this.encodeTopCursor(last, sort) : null,
    };
  }

  async replies(commentId: string, query: RepliesQueryDto, principal?: Principal): Promise<RepliesPageDto> {
    const viewer = viewerOf(principal);
    await this.visibleRow(commentId, viewer);
    const limit = query.limit ?? 20;
    const afterPath = query.cursor ? decodeCursor<{ p: string }>(query.cursor, { p: 'string' }).p : null;
    if (afterPath !== null && !/^[0-9a-f]{1,400}$/.test(afterPath)) throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    const { tops, replies } = await this.threads.findChildrenPage(commentId, afterPath, limit, viewer?.id ?? null, this.fetchCaps);
    const kept = tops.slice(0, limit);
    const nodes = assembleThreads(kept, replies, this.caps, viewer);
    const reactions = await this.reactionsFor(viewer, nodes.flatMap(collectIds));
    const items = this.toDtos(nodes, viewer, reactions);
    await this.attachLabels(items, [...kept, ...replies]);
    await this.attachRejections(items, [...kept, ...replies]);
    return {
      items,
      nextCursor: tops.length > limit ? encodeCursor({ p: kept[kept.length - 1].path }) : null,
    };
  }

  async permalink(id: string, principal?: Principal): Promise<PermalinkDto> {
    const viewer = viewerOf(principal);
    const { tops, replies } = await this.threads.findOneWithReplies(id, viewer?.id ?? null, this.fetchCaps);
    const [node] = assembleThreads(tops, replies, this.caps, viewer);
    if (!node) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    const ancestors = await this.ancestorsOf(node.row);
    const reactions = await this.reactionsFor(viewer, [...collectIds(node), ...ancestors.map((a) => a.id)]);
    const comment = toThreadResponse(node, viewer, reactions) as CommentDto;
    const chain = ancestors.map((a) => toCommentResponse(a, viewer, reactions) ?? toUnavailableResponse(a));
    await this.attachLabels([comment, ...chain], [...tops, ...replies, ...ancestors]);
    await this.attachRejections([comment, ...chain], [...tops, ...replies, ...ancestors]);
    return { comment, ancestors: chain };
  }

  /**
   * The comment as its author sees it right after posting or editing, including a rejection by
   * the checks and why, so the author is told.
   */
  async getOneForViewer(id: string, principal: Principal, message: string | null = null): Promise<CommentDto> {
    const row = await this.threads.findRow(id);
    if (!row) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    return this.toAuthorView(row, principal, message);
  }

  /** A comment row as its author sees it, with what the checks said. */
  toAuthorView(row: CommentRow, principal: Principal, message: string | null): CommentDto {
    const viewer = viewerOf(principal);
    const dto = toCommentResponse(row, viewer, new Map()) ?? { ...toUnavailableResponse(row), state: 'rejected' as const, html: row.bodyHtml };
    if (row.authorId === principal.id) dto.moderation = { status: row.status, reasons: row.checkReasons, message };
    if (dto.state === 'rejected' && row.decidedAt === null) dto.rejection = rejectionStatement(row, undefined, message);
    return dto;
  }

  async counts(articleIds: string[]): Promise<CommentCountsDto> {
    const unique = [...new Set(articleIds.map((a) => a.toLowerCase()))].filter(isUuid);
    const rows = await this.threads.countsFor(unique);
    return { items: rows.map((r) => ({ articleId: r.id, count: r.commentCount })) };
  }

  private async visibleRow(id: string, viewer: Viewer | null): Promise<CommentRow> {
    const row = await this.threads.findRow(id);
    if (!row || toCommentResponse(row, viewer, new Map()) === null) throw commentError('COMMENT_NOT_FOUND', 'No such comment.');
    return row;
  }

  /** Ancestors from the top comment down; paths give the first 32 levels in one query. */
  private async ancestorsOf(row: CommentRow): Promise<CommentRow[]> {
    if (row.depth === 0) return [];
    const prefixes: string[] = [];
    for (let end = PATH_SEGMENT; end < row.path.length; end += PATH_SEGMENT) prefixes.push(row.path.slice(0, end));
    const chain = (await this.threads.findByPaths(row.rootId, prefixes)).filter((a) => a.depth < row.depth);
    // Past 32 levels paths stop nesting: climb the remaining parents one by one (rare).
    const deepest = chain.length > 0 ? chain[chain.length - 1].depth : -1;
    const missing: CommentRow[] = [];
    let parentId = row.parentId;
    while (parentId && deepest + missing.length + 1 < row.depth) {
      const parent = await this.threads.findRow(parentId);
      if (!parent || parent.depth <= deepest) break;
      missing.unshift(parent);
      parentId = parent.parentId;
    }
    return [...chain, ...missing];
  }

  /** Fact-check labels and helpful context notes, fetched only when a comment on the page carries one. */
  private async attachLabels(dtos: CommentDto[], rows: CommentRow[]): Promise<void> {
    const ids = rows.filter((r) => r.labeled).map((r) => r.id);
    if (ids.length === 0) return;
    const [labelRows, noteRows] = await Promise.all([this.threads.findLabels(ids), this.threads.findHelpfulNotes(ids)]);
    // One label per comment: the first row, a claim's verdict before an own label (the query's order).
    const labels = new Map<string, LabelRow>();
    for (const r of labelRows) if (!labels.has(r.commentId)) labels.set(r.commentId, r);
    const notes = new Map<string, HelpfulNoteRow[]>();
    for (const n of noteRows) {
      const list = notes.get(n.commentId) ?? [];
      // A note appears once under a comment even when two of its claims led to it (never, today: one note, one claim).
      if (!list.some((x) => x.id === n.id)) notes.set(n.commentId, [...list, n]);
    }
    const visit = (d: CommentDto) => {
      const label = labels.get(d.id);
      if (label && d.html !== null) d.label = toLabelResponse(label);
      const helpful = notes.get(d.id);
      if (helpful && d.html !== null) d.notes = helpful.map(toHelpfulNoteResponse);
      d.replies.forEach(visit);
    };
    dtos.forEach(visit);
  }

  /** The statement of reasons on the viewer's own rejected comments (nobody else sees them). */
  private async attachRejections(dtos: CommentDto[], rows: CommentRow[]): Promise<void> {
    const own: CommentDto[] = [];
    const visit = (d: CommentDto) => {
      if (d.state === 'rejected') own.push(d);
      d.replies.forEach(visit);
    };
    dtos.forEach(visit);
    if (own.length === 0) return;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const decided = own.map((d) => byId.get(d.id)).filter((r): r is CommentRow => r !== undefined && r.decidedAt !== null);
    const decisions: ReadonlyMap<string, LatestDecisionRow> = decided.length > 0 ? await this.threads.findLatestDecisions(decided.map((r) => r.id)) : new Map();
    for (const d of own) {
      const row = byId.get(d.id);
      if (row) d.rejection = rejectionStatement(row, decisions.get(d.id));
    }
  }

  private toDtos(nodes: ThreadNode[], viewer: Viewer | null, reactions: ReactionsByComment): CommentDto[] {
    return nodes.map((n) => toThreadResponse(n, viewer, reactions)).filter((c): c is CommentDto => c !== null);
  }

  private reactionsFor(viewer: Viewer | null, ids: string[]): Promise<ReactionsByComment> {
    return viewer ? this.threads.findViewerReactions(viewer.id, ids) : Promise.resolve(new Map());
  }

  private encodeTopCursor(row: CommentRow, sort: ThreadSort): string {
    const cursor: TopCursor = { s: sort, c: row.createdAt.toISOString(), i: row.id };
    if (sort === 'replies') cursor.n = row.replyCount;
    if (sort === 'respect') cursor.n = row.respectCount;
    return encodeCursor(cursor);
  }

  private decodeTopCursor(raw: string, sort: ThreadSort): TopKey {
    const c = decodeCursor<TopCursor>(raw, { s: 'string', c: 'string', i: 'string' });
    if (c.s !== sort || !isUuid(c.i)) throw commonError('INVALID_CURSOR', 'The cursor belongs to another sort order or is not valid.');
    const needsCount = sort === 'replies' || sort === 'respect';
    // Counts are int4 columns: a forged 1e20 or -1 would fail in PostgreSQL rather than match nothing.
    const count = c.n as number;
    if (needsCount && !(Number.isInteger(count) && count >= 0 && count <= INT4_MAX)) {
      throw commonError('INVALID_CURSOR', 'The cursor is not one this server issued.');
    }
    return { createdAt: dateFromCursor(c.c), id: c.i, count: c.n };
  }
}

function collectIds(node: ThreadNode): string[] {
  return [node.row.id, ...node.children.flatMap(collectIds)];
}
