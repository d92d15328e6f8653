import { Injectable } from '@nestjs/common';
import { isPubliclyVisible, publiclyVisibleSql, STATUS_SETS, STATUS_SQL, statusListSql, statusSql, weakerHoldsThan } from '../../common/comment-status/comment-status';
import { runHot } from '../../database/hot-statement';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import { CommentStatus } from '../../generated/prisma/enums';
import type { CommentSettingsRow } from '../articles/articles.repository';
import type { DomainEventPayloads, StoredEvent } from '../events/domain-events';
import { PATH_MAX_LEVELS, PATH_SEGMENT } from './thread/comment-row';

export interface NewComment {
  id: string;
  articleId: string;
  authorId: string;
  parentId: string | null;
  status: CommentStatus;
  bodySource: string;
  bodyHtml: string;
  idempotency: { key: string; requestHash: string } | null;
  /** Reason codes from the checks, and whether they raised a system flag. */
  checkReasons?: string[];
  systemFlag?: boolean;
  /** Every scorer's outcome for the first revision, recorded in comment_check_runs. */
  scorer?: unknown;
  /** The highest spam or abuse score, which queues sort by. */
  checkScore?: number;
  /** The repeat-post window, checked again under the author's lock (see comment_repeat_guard); absent: no repeat check (seeding). */
  repeatWindowSeconds?: number;
}

export type InsertOutcome =
  /** status and checkReasons as stored: a repeat found under the author's lock withholds it. */
  | { kind: 'inserted'; createdAt: Date; depth: number; rootId: string; path: string; status: CommentStatus; checkReasons: string[]; event: StoredEvent<'comment.posted'> }
  | { kind: 'parent-unavailable' }
  | { kind: 'duplicate-key' };

const PUBLIC_SQL = STATUS_SQL.visible;
const { APPROVED, REJECTED, DELETED, WITHHELD } = CommentStatus;
/** Publicly visible, for the subtree statements (tagged templates: spliced as SQL, not a parameter). */
const VISIBLE_C = Prisma.raw(publiclyVisibleSql('c'));

/** The comment a status change moved, as its events need it. */
export interface StatusChanged {
  articleId: string;
  authorId: string;
  parentId: string | null;
  hiddenAncestors: number;
}

/**
 * Comment writes. Posting is one statement (one implicit transaction): it locks the parent,
 * checks it is still visible, records the idempotency key, inserts the comment and its first
 * revision, keeps the article's comment count and the parent's reply count exact, and records
 * the comment.posted event in the outbox (events module), so the event exists exactly when the
 * comment does.
 */
type PostingContextRow = { [K in keyof CommentSettingsRow]: CommentSettingsRow[K] | null } & {
  approved: number;
  decided: number;
  rejected: number;
  repeated: boolean;
};

@Injectable()
export class CommentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(c: NewComment): Promise<InsertOutcome> {
    const maxPath = PATH_MAX_LEVELS * PATH_SEGMENT;
    const rows = await runHot<{
      inserted: number;
      parentOk: boolean;
      createdAt: Date | null;
      depth: number | null;
      rootId: string | null;
      path: string | null;
      status: CommentStatus | null;
      checkReasons: string[] | null;
      eventId: string | null;
      eventPayload: DomainEventPayloads['comment.posted'] | null;
    }>(this.prisma, {
      name: 'comment-insert',
      bench: 'bench/load.mjs',
      // The repeat check again, under the author's lock (comment_repeat_guard): identical posts
      // sent at once all passed the check in postingContext. A repeat found here withholds the
      // comment (a stronger outcome stays) and adds REPEAT_POST where the pipeline puts it, first.
      // The parent row is locked only after the guard's lock is granted (the join makes it wait
      // for the guard's row), so no insert holds a row lock while it waits for an author's turn.
      // It is locked FOR NO KEY UPDATE, the lock the reply-count update below needs anyway: with
      // FOR SHARE, two replies to one parent both held the share lock and each then waited for
      // the other's to update the count (a deadlock; test/medium/comments-repository.spec.ts).
      text: `WITH guard AS (
         SELECT comment_repeat_guard($3::uuid, $6::text, $13::int) AS repeated
       ), outcome AS (
         SELECT CASE WHEN g.repeated AND $5::text IN ${statusListSql(weakerHoldsThan(WITHHELD))} THEN ${statusSql(WITHHELD)} ELSE $5::text END::"CommentStatus" AS status,
                CASE WHEN g.repeated AND NOT ('REPEAT_POST' = ANY($10::text[])) THEN array_prepend('REPEAT_POST', $10::text[]) ELSE $10::text[] END AS reasons
         FROM guard g
       ), parent AS (
         SELECT c.id, c.root_id, c.depth, c.path FROM comments c JOIN guard g ON g.repeated IS NOT NULL
         WHERE c.id = $4::uuid AND c.article_id = $2::uuid AND c.status IN ${PUBLIC_SQL} AND c.hidden_ancestors = 0
         FOR NO KEY UPDATE OF c
       ), ok AS (
         SELECT 1 WHERE $4::uuid IS NULL OR EXISTS (SELECT 1 FROM parent)
       ), idem AS (
         INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response)
         SELECT $3::uuid, $8::text, $9::text, 201, jsonb_build_object('commentId', $1::text)
         WHERE $8::text IS NOT NULL AND EXISTS (SELECT 1 FROM ok)
         ON CONFLICT DO NOTHING
         RETURNING 1
       ), ins AS (
         INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, path, status, body_source, body_html,
                               check_reasons, open_flag_count, check_score)
         SELECT $1::uuid, $2::uuid, $3::uuid, p.id, COALESCE(p.root_id, $1::uuid), COALESCE(p.depth + 1, 0),
                left(COALESCE(p.path, ''), ${maxPath}) || lpad(to_hex(nextval('comment_path_seq')), ${PATH_SEGMENT}, '0'),
                o.status, $6, $7, o.reasons, CASE WHEN $11::boolean THEN 1 ELSE 0 END, $14::float8
         FROM ok CROSS JOIN outcome o LEFT JOIN parent p ON true
         WHERE $8::text IS NULL OR EXISTS (SELECT 1 FROM idem)
         RETURNING id, status, parent_id, created_at, depth, root_id, path, check_reasons
       ), rev AS (
         INSERT INTO comment_revisions (comment_id, revision, body_source, body_html, created_at)
         SELECT id, 1, $6, $7, created_at FROM ins
       ), chk AS (
         INSERT INTO comment_check_runs (id, comment_id, revision, outcome, reasons, scorer)
         SELECT gen_random_uuid(), id, 1, status, check_reasons, $12::jsonb FROM ins
       ), sysflag AS (
         INSERT INTO flags (id, comment_id, article_id, reporter_id, reason, details, weight, counts_toward_hiding)
         SELECT gen_random_uuid(), id, $2::uuid, NULL, 'SYSTEM', array_to_string(check_reasons, ', '), 0, false FROM ins WHERE $11::boolean
       ), art AS (
         UPDATE articles SET comment_count = comment_count + 1
         WHERE id = $2::uuid AND EXISTS (SELECT 1 FROM ins WHERE status IN ${PUBLIC_SQL})
       ), par AS (
         UPDATE comments SET reply_count = reply_count + 1
         WHERE id = $4::uuid AND EXISTS (SELECT 1 FROM ins WHERE status IN ${PUBLIC_SQL})
       ), evt AS (
         -- The payload is DomainEventPayloads['comment.posted'] (events/domain-events.ts). A new
         -- comment's ancestors are all visible (checked above), so its status alone says whether readers see it.
         INSERT INTO domain_events (type, article_id, payload)
         SELECT 'comment.posted', $2::uuid, jsonb_build_object(
                  'commentId', id, 'articleId', $2::uuid, 'authorId', $3::uuid, 'parentId', parent_id,
                  'visible', status IN ${PUBLIC_SQL}, 'status', status)
         FROM ins
         RETURNING id, payload
       )
       SELECT (SELECT count(*)::int FROM ins) AS inserted,
              (SELECT id FROM evt) AS "eventId", (SELECT payload FROM evt) AS "eventPayload",
              EXISTS (SELECT 1 FROM ok) AS "parentOk",
              (SELECT created_at FROM ins) AS "createdAt", (SELECT depth FROM ins) AS depth,
              (SELECT root_id FROM ins) AS "rootId", (SELECT path FROM ins) AS path,
              (SELECT status FROM ins) AS status, (SELECT check_reasons FROM ins) AS "checkReasons"`,
      values: [
        c.id, c.articleId, c.authorId, c.parentId, c.status, c.bodySource, c.bodyHtml,
        c.idempotency?.key ?? null, c.idempotency?.requestHash ?? null,
        c.checkReasons ?? [], c.systemFlag ?? false, c.scorer === undefined ? null : JSON.stringify(c.scorer), c.repeatWindowSeconds ?? 0,
        c.checkScore ?? 0,
      ],
    });
    const r = rows[0];
    if (r.inserted === 1) {
      return {
        kind: 'inserted',
        createdAt: r.createdAt as Date,
        depth: r.depth as number,
        rootId: r.rootId as string,
        path: r.path as string,
        status: r.status as CommentStatus,
        checkReasons: r.checkReasons ?? [],
        event: {
          id: BigInt(r.eventId as string),
          position: null,
          type: 'comment.posted',
          articleId: c.articleId,
          payload: r.eventPayload as DomainEventPayloads['comment.posted'],
          createdAt: r.createdAt as Date,
        },
      };
    }
    return { kind: r.parentOk ? 'duplicate-key' : 'parent-unavailable' };
  }

  /**
   * Everything the posting checks read from the database, in one round trip: the article's
   * comment settings (null when there is no such article) and the author's recent history.
   * Every part is bounded by an index whatever the author's history: approved comments are counted up to 100 (the checks compare with small
   * thresholds), decisions over seven days, repeats over the repeat window.
   */
  async postingContext(articleIdOrSlug: string, byId: boolean, authorId: string, body: string, repeatWindowSeconds: number, excludeCommentId: string | null) {
    const rows = await runHot<PostingContextRow>(this.prisma, {
      name: byId ? 'posting-context-by-id' : 'posting-context-by-slug',
      bench: 'bench/load.mjs',
      text: `SELECT a.id, a.comment_count AS "commentCount", a.comments_open AS "commentsOpen", a.comments_close_at AS "commentsCloseAt",
         a.moderation_mode AS "moderationMode", a.hold_links AS "holdLinks", a.scorers, a.section,
         (SELECT count(*)::int FROM (SELECT 1 FROM comments WHERE author_id = $2::uuid AND status = ${statusSql(APPROVED)} LIMIT 100) x) AS approved,
         (SELECT count(*)::int FROM comments
           WHERE author_id = $2::uuid AND decided_at > now() - interval '7 days' AND status IN ${STATUS_SQL.decided}) AS decided,
         (SELECT count(*)::int FROM comments
           WHERE author_id = $2::uuid AND decided_at > now() - interval '7 days' AND status = ${statusSql(REJECTED)}) AS rejected,
         -- By the stored hash of the text (never body_source itself: a generic plan once took
         -- the trigram index for that equality, ~0.8 s a check) on the (author, hash) index: the
         -- author's earlier copies of this text only, however many comments they wrote (issue 19).
         EXISTS (SELECT 1 FROM comments
           WHERE author_id = $2::uuid AND body_hash = md5($3::text)::uuid AND created_at > now() - make_interval(secs => $4::int)
             AND id IS DISTINCT FROM $5::uuid AND status <> ${statusSql(DELETED)}) AS repeated
       FROM (SELECT 1) one LEFT JOIN articles a ON ${byId ? 'a.id = $1::uuid' : 'a.slug = $1'}`,
      values: [articleIdOrSlug, authorId, body, repeatWindowSeconds, excludeCommentId],
    });
    const r = rows[0];
    return {
      article: r.id === null ? null : (r as CommentSettingsRow),
      history: { approvedComments: r.approved, decidedLast7Days: r.decided, rejectedLast7Days: r.rejected, repeatedRecently: r.repeated },
    };
  }

  /** After an edit: the new revision's check outcome, and the comment awaits a human decision again. */
  async recordChecks(id: string, revision: number, outcome: CommentStatus, reasons: string[], scorer: unknown, checkScore: number, tx: Tx): Promise<void> {
    await tx.comment.update({ where: { id }, data: { checkReasons: reasons, checkScore, decidedAt: null } });
    await tx.commentCheckRun.create({
      data: { commentId: id, revision, outcome, reasons, scorer: scorer === null ? undefined : (scorer as object) },
    });
  }

  async findIdempotencyKey(userId: string, key: string): Promise<{ requestHash: string; commentId: string | null } | null> {
    const row = await this.prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
    if (!row) return null;
    const response = (row.response ?? {}) as { commentId?: string };
    return { requestHash: row.requestHash, commentId: response.commentId ?? null };
  }

  /** The parent as the poster sees it, to explain a refusal. */
  findParentState(parentId: string) {
    return this.prisma.comment.findUnique({
      where: { id: parentId },
      select: { articleId: true, status: true, hiddenAncestors: true },
    });
  }

  findForWrite(id: string, tx: Tx = this.prisma) {
    return tx.comment.findUnique({
      where: { id },
      select: { id: true, articleId: true, authorId: true, parentId: true, status: true, revision: true, hiddenAncestors: true, createdAt: true, replyCount: true },
    });
  }

  /**
   * A new revision, only if the comment is still at the revision and status the caller read (a
   * decision committed meanwhile changes the status: the edit must not land on a removed comment).
   */
  async addRevision(
    id: string,
    expected: { revision: number; status: CommentStatus },
    bodySource: string,
    bodyHtml: string,
    tx: Tx,
  ): Promise<boolean> {
    const updated = await tx.comment.updateMany({
      where: { id, revision: expected.revision, status: expected.status },
      data: { bodySource, bodyHtml, revision: expected.revision + 1, editedAt: new Date() },
    });
    if (updated.count === 0) return false;
    await tx.commentRevision.create({ data: { commentId: id, revision: expected.revision + 1, bodySource, bodyHtml } });
    return true;
  }

  /** What the author's edit form needs. */
  findSource(id: string) {
    return this.prisma.comment.findUnique({
      where: { id },
      select: { id: true, authorId: true, status: true, revision: true, bodySource: true, createdAt: true },
    });
  }

  findRevisions(id: string) {
    return this.prisma.commentRevision.findMany({ where: { commentId: id }, orderBy: { revision: 'asc' } });
  }

  /**
   * Moves a comment from one status to another (0 rows when it is no longer `from`) and keeps the
   * counts exact: the article's visible count, reply counts, and for rejection or restoration the
   * hidden state of the whole subtree.
   */
  async changeStatus(id: string, from: CommentStatus, to: CommentStatus, tx: Tx): Promise<StatusChanged | null> {
    const hideChange = (to === REJECTED ? 1 : 0) - (from === REJECTED ? 1 : 0);
    // Before the status changes (the status-count trigger then locks the counter rows a reply
    // being posted also needs): see lockSubtree.
    if (hideChange !== 0) await this.lockSubtree(id, tx);
    const rows = await tx.$queryRaw<StatusChanged[]>`
      UPDATE comments SET status = ${to}::"CommentStatus" WHERE id = ${id}::uuid AND status = ${from}::"CommentStatus"
      RETURNING article_id AS "articleId", author_id AS "authorId", parent_id AS "parentId", hidden_ancestors AS "hiddenAncestors"`;
    if (rows.length === 0) return null;
    const { articleId, parentId, hiddenAncestors: hidden } = rows[0];
    const wasPublic = isPubliclyVisible({ status: from, hiddenAncestors: hidden });
    const isPublic = isPubliclyVisible({ status: to, hiddenAncestors: hidden });
    let delta = Number(isPublic) - Number(wasPublic);
    if (hideChange !== 0) delta += await this.shiftSubtree(id, hideChange, tx);
    if (delta !== 0) {
      await tx.$executeRaw`UPDATE articles SET comment_count = comment_count + ${delta}::int WHERE id = ${articleId}::uuid`;
    }
    if (parentId && isPublic !== wasPublic) {
      await tx.$executeRaw`UPDATE comments SET reply_count = reply_count + ${isPublic ? 1 : -1}::int WHERE id = ${parentId}::uuid`;
    }
    return rows[0];
  }

  /**
   * Locks the comment and every comment below it, pass after pass until a pass finds no new one. A reply being
   * posted holds its parent's row lock until it commits, and the recursive query of a single pass
   * cannot see a reply committed after the pass began: without this, a reply posted deeper in the
   * subtree while its top was rejected kept hidden_ancestors = 0 (readable under a rejected
   * comment), or deadlocked with the rejection over the status counters. Once the whole subtree is
   * locked, a later reply waits for this transaction and then finds its parent hidden. Each pass
   * waits for the replies in flight, so the subtree can grow only by what they added.
   */
  private async lockSubtree(id: string, tx: Tx): Promise<void> {
    let locked = -1;
    for (;;) {
      const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
        WITH RECURSIVE sub AS (
          SELECT ${id}::uuid AS id
          UNION ALL
          SELECT c.id FROM comments c JOIN sub ON c.parent_id = sub.id
        ), locked AS (
          SELECT c.id FROM comments c WHERE c.id IN (SELECT id FROM sub) FOR NO KEY UPDATE OF c
        )
        SELECT count(*)::int AS n FROM locked`;
      if (n === locked) return;
      locked = n;
    }
  }

  /**
   * Adds `shift` (+1 on rejection, -1 on restoration) to hidden_ancestors of every descendant,
   * recomputes reply counts inside the subtree, and returns the change in publicly visible rows.
   */
  private async shiftSubtree(id: string, shift: number, tx: Tx): Promise<number> {
    const [result] = await tx.$queryRaw<{ delta: number }[]>`
      WITH RECURSIVE sub AS (
        SELECT id FROM comments WHERE parent_id = ${id}::uuid
        UNION ALL
        SELECT c.id FROM comments c JOIN sub ON c.parent_id = sub.id
      ), before AS (
        SELECT count(*)::int AS n FROM comments c JOIN sub USING (id)
        WHERE ${VISIBLE_C}
      ), upd AS (
        UPDATE comments c SET hidden_ancestors = c.hidden_ancestors + ${shift}::int
        FROM sub WHERE c.id = sub.id
        RETURNING c.hidden_ancestors, c.status
      )
      SELECT ((SELECT count(*) FROM upd c WHERE ${VISIBLE_C})
              - (SELECT n FROM before))::int AS delta`;
    await tx.$executeRaw`
      WITH RECURSIVE sub AS (
        SELECT ${id}::uuid AS id
        UNION ALL
        SELECT c.id FROM comments c JOIN sub ON c.parent_id = sub.id
      )
      UPDATE comments p SET reply_count = (
        SELECT count(*) FROM comments c
        WHERE c.parent_id = p.id AND ${VISIBLE_C})
      FROM sub WHERE p.id = sub.id`;
    return result.delta;
  }

  /** Account erasure: the text of every comment by the user is replaced. */
  async eraseBodiesOf(authorId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`UPDATE comments SET body_source = '', body_html = '' WHERE author_id = ${authorId}::uuid`;
    await tx.$executeRaw`
      UPDATE comment_revisions r SET body_source = '', body_html = ''
      FROM comments c WHERE c.id = r.comment_id AND c.author_id = ${authorId}::uuid`;
  }

  idsOfVisibleBy(authorId: string, tx: Tx) {
    return tx.comment.findMany({ where: { authorId, status: { in: [...STATUS_SETS.live] } }, select: { id: true, status: true } });
  }
}
