import request from 'supertest';
import {
  COMMENT_STATUSES,
  inStatusSet,
  isPubliclyVisible,
  publiclyVisibleSql,
  STATUS_SETS,
  STATUS_SQL,
  StatusSetName,
} from '../../src/common/comment-status/comment-status';
import type { CommentStatus } from '../../src/generated/prisma/enums';
import { appearanceOf, shownToViewerSql, Viewer } from '../../src/modules/comments/thread/visibility';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createUser, TestUser } from '../helpers/factories';

/**
 * The comment status rules, proven like the queues: every status × rejected ancestors × replies,
 * through the TypeScript predicate and through its SQL twin on PostgreSQL, and for "shown to this
 * viewer" for each kind of viewer (anonymous, the author, another reader, a moderator).
 */
interface Facts {
  status: CommentStatus;
  hiddenAncestors: number;
  replyCount: number;
}

function combinations(): Facts[] {
  const out: Facts[] = [];
  for (const status of COMMENT_STATUSES)
    for (const hiddenAncestors of [0, 1, 2])
      for (const replyCount of [0, 1]) out.push({ status, hiddenAncestors, replyCount });
  return out;
}

describe('comment status: predicates and SQL agree', () => {
  let t: TestApp;
  let author: TestUser;
  const viewers: Record<string, () => Viewer | null> = {};
  const facts = new Map<string, Facts>();

  async function selectIds(where: string, values: unknown[] = []): Promise<string[]> {
    const { rows } = await t.prisma.pool.query<{ id: string }>(`SELECT c.id FROM comments c WHERE ${where}`, values);
    return rows.map((r) => r.id).sort();
  }

  function expectedIds(accept: (f: Facts) => boolean): string[] {
    return [...facts].filter(([, f]) => accept(f)).map(([id]) => id).sort();
  }

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t.prisma);
    const reader = await createUser(t.prisma);
    const moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    viewers.anonymous = () => null;
    viewers.author = () => ({ id: author.id, role: author.role });
    viewers['another reader'] = () => ({ id: reader.id, role: reader.role });
    viewers.moderator = () => ({ id: moderator.id, role: moderator.role });
    const article = await createArticle(t.prisma);
    for (const f of combinations()) {
      const { id } = await createComment(t.prisma, { articleId: article.id, authorId: author.id, ...f });
      facts.set(id, f);
    }
  });
  afterAll(() => t.close());

  it.each(Object.keys(STATUS_SETS) as StatusSetName[])('status IN the %s list selects exactly the statuses of the set', async (name) => {
    expect(await selectIds(`c.status IN ${STATUS_SQL[name]}`)).toEqual(expectedIds((f) => inStatusSet(name, f.status)));
    expect(await selectIds(`c.status NOT IN ${STATUS_SQL[name]}`)).toEqual(expectedIds((f) => !inStatusSet(name, f.status)));
  });

  it('selects exactly the publicly visible comments', async () => {
    expect(await selectIds(publiclyVisibleSql('c'))).toEqual(expectedIds(isPubliclyVisible));
  });

  it.each(['anonymous', 'author', 'another reader', 'moderator'])('shows the %s exactly the comments appearanceOf shows', async (kind) => {
    const viewer = viewers[kind]();
    const shown = await selectIds(shownToViewerSql('c', '$1'), [viewer?.id ?? null]);
    expect(shown).toEqual(expectedIds((f) => appearanceOf({ ...f, authorId: author.id }, viewer) !== 'hidden'));
  });

  it('takes the status list of the API documentation from the enum', async () => {
    const doc = await request(t.http).get('/api/openapi.json').expect(200);
    const own = doc.body.components.schemas.OwnModerationDto.properties.status;
    expect(own.enum).toEqual([...COMMENT_STATUSES]);
  });
});
