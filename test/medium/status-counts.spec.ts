import { Pool } from 'pg';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser } from '../helpers/factories';

/**
 * The status-count trigger under concurrent transitions in opposite directions on one article and
 * one author (a held comment approved while a published one is withheld, over and over): no
 * deadlock, and the counters still equal the rows.
 */
describe('status counters under opposite concurrent transitions', () => {
  let t: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    t = await startTestApp();
    pool = new Pool({ connectionString: t.db.url, max: 12 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('never deadlocks and keeps counts exact', async () => {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const comment = await createComment(t.prisma, { articleId: article.id, authorId: author.id, status: i % 2 === 0 ? 'PUBLISHED' : 'WITHHELD' });
      ids.push(comment.id);
    }
    const errors: string[] = [];
    // Each worker flips its own comment back and forth; half start published, half held, so at
    // any moment transitions run both ways between the same two counter rows.
    await Promise.all(
      ids.map(async (id) => {
        for (let round = 0; round < 40; round++) {
          try {
            await pool.query(
              `UPDATE comments SET status = CASE WHEN status = 'PUBLISHED' THEN 'WITHHELD'::"CommentStatus" ELSE 'PUBLISHED'::"CommentStatus" END
                WHERE id = $1`,
              [id],
            );
          } catch (err) {
            errors.push((err as { code?: string }).code ?? String(err));
          }
        }
      }),
    );
    expect(errors).toEqual([]);
    const { rows } = await pool.query(
      `SELECT s.status::text, s.count,
              (SELECT count(*)::int FROM comments c WHERE c.article_id = s.article_id AND c.status = s.status AND c.decided_at IS NULL) AS actual,
              (SELECT u.count FROM user_comment_counts u WHERE u.user_id = $2 AND u.status = s.status) AS by_author
         FROM comment_status_counts s WHERE s.article_id = $1 AND NOT s.decided ORDER BY 1`,
      [article.id, author.id],
    );
    for (const r of rows) {
      expect(r.count).toBe(r.actual);
      expect(r.by_author).toBe(r.actual);
    }
    expect(rows.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(12);
  });
});
