import request from 'supertest';
import { EXPORT_SECTIONS } from '../../src/modules/account/user-data/user-export';
import { USER_REFERENCES } from '../../src/modules/account/user-data/user-references';
import { EventRelay } from '../../src/modules/events/event-relay';
import { NotificationDigestJob } from '../../src/modules/notifications/notification-digest.job';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createUser, TestUser } from '../helpers/factories';

/**
 * The data that belongs to a user, checked against the database schema itself: every column that
 * references a user (a foreign key to users, or a uuid column named like one) must be in
 * USER_REFERENCES, its rows must all be in the export, and account deletion must do what the list
 * says. A table added later that references users fails here until it is covered.
 */

const USER_COLUMN_NAME = '(^|_)(user|author|reporter|moderator|rater|actor|subject_user|owner|creator|editor|reviewer)_id$|_by_id$';

interface Column {
  table: string;
  column: string;
}

const SOURCES = [{ url: 'https://observatory.example/report-7', title: 'Observatory report' }];

describe('user data: export and deletion cover every table that references a user', () => {
  let t: TestApp;
  let subject: TestUser;
  let moderator: TestUser;
  let reader: TestUser;
  let otherAdmin: TestUser;
  let columns: Column[];

  const api = () => request(t.http);
  async function ok<T = Record<string, unknown>>(pending: request.Test, what: string): Promise<T> {
    const res = await pending;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body as T;
  }
  const count = async (c: Column, userId: string) =>
    Number((await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${c.table}" WHERE "${c.column}" = $1::uuid`, userId))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ NOTES_MIN_ACCOUNT_DAYS: '0', NOTES_MIN_APPROVED: '0', NOTES_SCORING_INTERVAL_MINUTES: '0', COMMENT_EDIT_WINDOW_SECONDS: '600' });
    columns = await t.prisma.$queryRawUnsafe<Column[]>(`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'uuid' AND column_name ~ '${USER_COLUMN_NAME}'
      UNION
      SELECT cl.relname, a.attname FROM pg_constraint k
        JOIN pg_class cl ON cl.oid = k.conrelid
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
      WHERE k.contype = 'f' AND k.confrelid = 'public.users'::regclass
      ORDER BY 1, 2`);

    // The subject is an admin who has also been a reader: every kind of row points at them.
    subject = await createUser(t.prisma, { role: 'ADMIN', displayName: 'Sami Subject' });
    moderator = await createUser(t.prisma, { role: 'MODERATOR' });
    reader = await createUser(t.prisma);
    otherAdmin = await createUser(t.prisma, { role: 'ADMIN' });
    // The notifications consumer starts at the outbox's end: its cursor first, then the events.
    await t.app.get(EventRelay).ensureConsumers();
    await ok(api().put('/api/me/notification-preferences').set(subject.auth).send({ cadence: 'DAILY', email: { reply: true, decision: true, appeal: true, verdict: true } }), 'preferences');
    const article = await createArticle(t.prisma);
    const post = (u: TestUser, body: string, key?: string) =>
      ok<{ id: string }>(api().post(`/api/articles/${article.id}/comments`).set(u.auth).set(key ? { 'Idempotency-Key': key } : {}).send({ body }), 'post');

    const mine = await post(subject, 'The bridge was reopened this morning, according to the mayor.', 'export-test-key-1');
    await ok(api().patch(`/api/comments/${mine.id}`).set(subject.auth).send({ body: 'The bridge was reopened this morning, the mayor said.' }), 'edit');
    const theirs = await post(reader, 'Casualty figures were 5,000 on the first day.');
    await ok(api().put(`/api/comments/${theirs.id}/reactions/RESPECT`).set(subject.auth), 'react');
    await ok(api().post(`/api/comments/${theirs.id}/flags`).set(subject.auth).send({ reason: 'MISINFORMATION', details: 'The observatory counted far fewer.', sourceUrl: SOURCES[0].url }), 'flag');
    await ok(api().post(`/api/moderation/comments/${theirs.id}/decisions`).set(subject.auth).send({ action: 'APPROVE', revision: 1, expectedStatus: 'PUBLISHED' }), 'decide');

    const rejectedMine = await post(subject, 'A remark about football.');
    await ok(api().post(`/api/moderation/comments/${rejectedMine.id}/decisions`).set(moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' }), 'reject');
    await ok(api().post(`/api/comments/${rejectedMine.id}/appeal`).set(subject.auth).send({ text: 'It was about the article.' }), 'appeal');

    const rejectedTheirs = await post(reader, 'Another remark about football.');
    await ok(api().post(`/api/moderation/comments/${rejectedTheirs.id}/decisions`).set(moderator.auth).send({ action: 'REJECT', revision: 1, expectedStatus: 'PUBLISHED', reason: 'OFF_TOPIC' }), 'reject 2');
    const appeal = await ok<{ appeal: { id: string } }>(api().post(`/api/comments/${rejectedTheirs.id}/appeal`).set(reader.auth).send({ text: 'Please look again.' }), 'appeal 2');
    await ok(api().post(`/api/moderation/appeals/${appeal.appeal.id}/decision`).set(subject.auth).send({ outcome: 'UPHOLD' }), 'appeal decision');

    const queued = await post(reader, 'A third comment, waiting in the queue.');
    await ok(api().post(`/api/moderation/comments/${queued.id}/claim`).set(subject.auth), 'claim');

    const claim = await ok<{ id: string }>(api().post('/api/desk/claims').set(subject.auth).send({ statement: 'Casualties on day one exceeded 5,000.' }), 'claim create');
    await ok(api().post(`/api/desk/claims/${claim.id}/comments`).set(subject.auth).send({ commentId: theirs.id }), 'claim link');
    await ok(api().post(`/api/desk/claims/${claim.id}/verdicts`).set(subject.auth).send({ verdict: 'DISPUTED', summary: 'Counts differ widely.', sources: SOURCES }), 'verdict');
    await ok(api().put(`/api/comments/${queued.id}/label`).set(subject.auth).send({ verdict: 'UNVERIFIED', summary: 'Not confirmed.', sources: SOURCES }), 'label');

    await ok(api().post(`/api/comments/${theirs.id}/notes`).set(subject.auth).send({ text: 'The observatory reports lower figures.', sources: SOURCES }), 'note');
    const readersNote = await ok<{ id: string }>(api().post(`/api/comments/${queued.id}/notes`).set(reader.auth).send({ text: 'No source confirms this yet.', sources: SOURCES }), 'note 2');
    await ok(api().put(`/api/notes/${readersNote.id}/rating`).set(subject.auth).send({ value: 'HELPFUL' }), 'rating');
    await ok(api().put(`/api/comments/${theirs.id}/context-request`).set(subject.auth), 'context request');

    await ok(api().put(`/api/users/${subject.id}/premoderation`).set(otherAdmin.auth).send({ enabled: false, reason: 'check' }), 'audit subject');
    // An import that found the subject's email among a WordPress export's commenters (npm run import).
    await t.prisma.$executeRaw`INSERT INTO import_authors (source, key, display_name, email, user_id)
      VALUES ('wxr:https://old-site.example', 'email:sami@old-site.example', 'Sami S.', 'sami@old-site.example', ${subject.id}::uuid)`;
    // A password-reset link mailed to the subject (this app sends no mail, so the row is written as the reset request writes it).
    await t.prisma.accountToken.create({
      data: { userId: subject.id, purpose: 'PASSWORD_RESET', tokenHash: 'f'.repeat(64), expiresAt: new Date(Date.now() + 600_000) },
    });
    // Notifications of the decisions above (waiting for a digest), and the digest that settles them.
    await t.app.get(EventRelay).runOnce();
    await t.app.get(NotificationDigestJob).run(new Date(Date.now() + 24 * 3_600_000));
  }, 60_000);
  afterAll(() => t.close());

  const covered = () => new Set(USER_REFERENCES.map((r) => `${r.table}.${r.column}`));

  it('finds user references in the schema, and every one of them is in USER_REFERENCES', () => {
    expect(columns.length).toBeGreaterThan(15);
    const missing = columns.map((c) => `${c.table}.${c.column}`).filter((k) => !covered().has(k));
    expect(missing).toEqual([]);
    const found = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const stale = USER_REFERENCES.filter((r) => r.table !== 'users' && !found.has(`${r.table}.${r.column}`)).map((r) => `${r.table}.${r.column}`);
    expect(stale).toEqual([]);
  });

  it('gives every reference an export section and a deletion rule, with a written reason for what is kept', () => {
    for (const ref of USER_REFERENCES) {
      expect({ ref: `${ref.table}.${ref.column}`, section: ref.section in EXPORT_SECTIONS || ref.section === 'profile' }).toEqual({ ref: `${ref.table}.${ref.column}`, section: true });
      if (ref.onDelete.action === 'keep') expect(ref.onDelete.reason.length).toBeGreaterThan(40);
    }
  });

  it('exports every row that references the user, comments with their revisions, and no secrets', async () => {
    const res = await api().get('/api/me/export').set(subject.auth).expect(200).expect('Content-Type', /application\/json/);
    const exported = res.body as Record<string, unknown[]>;
    for (const ref of USER_REFERENCES.filter((r) => r.table !== 'users')) {
      const rows = await count(ref, subject.id);
      // The setup must have produced rows for every reference, or this check would prove nothing.
      expect({ ref: `${ref.table}.${ref.column}`, hasRows: rows > 0 }).toEqual({ ref: `${ref.table}.${ref.column}`, hasRows: true });
      expect({ ref: `${ref.table}.${ref.column}`, exported: exported[ref.section]?.length }).toEqual({ ref: `${ref.table}.${ref.column}`, exported: rows });
    }
    expect(exported.profile).toMatchObject({ id: subject.id, displayName: 'Sami Subject' });
    const edited = (exported.comments as { body: string; revisions: { body: string }[] }[]).find((c) => c.body.includes('the mayor said'));
    expect(edited?.revisions.map((r) => r.body)).toEqual(['The bridge was reopened this morning, according to the mayor.', 'The bridge was reopened this morning, the mayor said.']);
    expect(res.text).not.toMatch(/argon2|token_hash|tokenHash|plt_|request_hash|requestHash|f{64}/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('deletes the account as the list says: erased, cleared, scrubbed, or kept for its reason', async () => {
    const before = new Map<string, number>();
    for (const ref of USER_REFERENCES.filter((r) => r.table !== 'users')) before.set(`${ref.table}.${ref.column}`, await count(ref, subject.id));
    const flagsBefore = await t.prisma.flag.count();
    await api().delete('/api/me').set(subject.auth).expect(204);

    for (const ref of USER_REFERENCES) {
      const key = `${ref.table}.${ref.column}`;
      if (ref.onDelete.action === 'scrub') {
        const row = await t.prisma.user.findUniqueOrThrow({ where: { id: subject.id } });
        expect(row).toMatchObject({ displayName: 'Deleted user', email: null, passwordHash: null, ssoSubject: null, deletedAt: expect.any(Date) });
        continue;
      }
      const after = await count(ref, subject.id);
      const expected = ref.onDelete.action === 'keep' ? before.get(key) : 0;
      // Kept audit entries gain the deletion event itself.
      if (key === 'audit_events.actor_id' || key === 'audit_events.subject_user_id') expect({ key, after: after >= (before.get(key) ?? 0) }).toEqual({ key, after: true });
      else expect({ key, after }).toEqual({ key, after: expected });
    }
    // Cleared references keep their rows; erased reactions take their counts with them.
    expect(await t.prisma.flag.count()).toBe(flagsBefore);
    const counters = await t.prisma.$queryRaw<{ bad: bigint }[]>`
      SELECT count(*) AS bad FROM comments c
      WHERE c.respect_count <> (SELECT count(*) FROM reactions r WHERE r.comment_id = c.id AND r.kind = 'RESPECT')`;
    expect(Number(counters[0].bad)).toBe(0);
    await api().get('/api/me').set(subject.auth).expect(401);
  });
});
