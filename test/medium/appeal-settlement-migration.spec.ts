import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser } from '../helpers/factories';

const MIGRATION = join(__dirname, '../../prisma/migrations/20261203100000_settle_open_appeals_of_restored_comments/migration.sql');

/**
 * Data written before deciding a comment settled its open appeal: an appeal still open on a
 * comment a moderator restored meanwhile. The migration settles those, and only those.
 */
describe('migration: settle open appeals of restored comments', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function appealed(status: 'REJECTED' | 'APPROVED') {
    const article = await createArticle(t.prisma);
    const author = await createUser(t.prisma);
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    const restorer = await createUser(t.prisma, { role: 'MODERATOR' });
    const c = await createComment(t.prisma, { articleId: article.id, authorId: author.id, status, appealOpen: true, decidedAt: new Date() });
    const rejection = await t.prisma.moderationDecision.create({
      data: { commentId: c.id, revision: 1, moderatorId: moderator.id, action: 'REJECT', reason: 'SPAM', fromStatus: 'PUBLISHED', toStatus: 'REJECTED', createdAt: new Date(Date.now() - 60_000) },
    });
    const restore =
      status === 'APPROVED'
        ? await t.prisma.moderationDecision.create({
            data: { commentId: c.id, revision: 1, moderatorId: restorer.id, action: 'RESTORE', fromStatus: 'REJECTED', toStatus: 'APPROVED' },
          })
        : null;
    const appeal = await t.prisma.appeal.create({ data: { decisionId: rejection.id, commentId: c.id, authorId: author.id, text: 'please' } });
    return { commentId: c.id, appealId: appeal.id, restore, restorer };
  }

  it('settles an appeal left open on a restored comment as overturned by the restoring moderator, and leaves a live appeal alone', async () => {
    const stale = await appealed('APPROVED');
    const live = await appealed('REJECTED');
    const sql = readFileSync(MIGRATION, 'utf8');
    await t.prisma.pool.query(sql);
    expect(await t.prisma.appeal.findUniqueOrThrow({ where: { id: stale.appealId } })).toMatchObject({
      status: 'OVERTURNED',
      decidedById: stale.restorer.id,
      decidedAt: stale.restore?.createdAt,
    });
    expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: stale.commentId } })).toMatchObject({ appealOpen: false });
    expect(await t.prisma.appeal.findUniqueOrThrow({ where: { id: live.appealId } })).toMatchObject({ status: 'OPEN', decidedById: null });
    expect(await t.prisma.comment.findUniqueOrThrow({ where: { id: live.commentId } })).toMatchObject({ appealOpen: true });
    // A second run changes nothing.
    const before = await t.prisma.appeal.findMany({ orderBy: { id: 'asc' } });
    await t.prisma.pool.query(sql);
    expect(await t.prisma.appeal.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});
