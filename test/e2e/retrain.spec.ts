import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { retrain } from '../../src/cli/retrain';
import { parseRetrainArgs } from '../../src/cli/retrain.cli';
import { LocalModelRegistry } from '../../src/modules/comments/pipeline/scorer/local-model-registry';
import { SHIPPED_MODELS } from '../../src/modules/comments/pipeline/scorer/scorer';
import { ScorerModelsRepository } from '../../src/modules/comments/pipeline/scorer/scorer-models.repository';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createComment, createPersonas, Personas } from '../helpers/factories';

const FIXTURES = join(__dirname, '../fixtures/retrain');

/** A site whose readers have their own insult ("gorbwit"), which the base data has never seen. */
const SITE_ABUSE = (i: number) => [`you gorbwit number ${i}`, `another gorbwit take, typical gorbwit ${i}`, `shut it gorbwit ${i}`][i % 3];
const SITE_CIVIL = (i: number) => [`the ferry timetable changed again in week ${i}`, `which source gives figure ${i} for the dam`, `good map of district ${i}, thanks`][i % 3];
const SITE_SPAM = (i: number) => `cheap flights from ${i} dollars at travelhub deals today`;

describe('npm run retrain on a small database, picked up by a running app', () => {
  let t: TestApp;
  let p: Personas;
  let modelDir: string;
  let second: Awaited<ReturnType<typeof createApp>> | undefined;

  beforeAll(async () => {
    t = await startTestApp({ MOD_SCORER: 'local', MOD_MODEL_CHECK_SECONDS: '1' });
    p = await createPersonas(t.prisma);
    modelDir = mkdtempSync(join(tmpdir(), 'parley-models-'));
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
    rmSync(modelDir, { recursive: true, force: true });
  });

  /** A decided comment as the moderation route leaves it: revision text and the decision pinned to it. */
  async function decided(text: string, action: 'APPROVE' | 'REJECT', reason: 'ABUSE' | 'SPAM' | 'OFF_TOPIC' | null, articleId: string) {
    const comment = await createComment(t.prisma, { articleId, authorId: p.reader.id, bodySource: text, status: action === 'APPROVE' ? 'APPROVED' : 'REJECTED', decidedAt: new Date() });
    await t.prisma.commentRevision.create({ data: { commentId: comment.id, revision: 1, bodySource: text, bodyHtml: `<p>${text}</p>` } });
    await t.prisma.moderationDecision.create({
      data: { id: randomUUID(), commentId: comment.id, revision: 1, moderatorId: p.moderator.id, action, reason, fromStatus: 'PUBLISHED', toStatus: action === 'APPROVE' ? 'APPROVED' : 'REJECTED' },
    });
    return comment.id;
  }

  it('exports the decisions, retrains both models, compares them on held-out decisions, and every running instance loads them without a restart', async () => {
    const article = await createArticle(t.prisma);
    // One comment through the real posting and decision routes: its decision joins the scoring model's version.
    const posted = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.otherReader.auth).send({ body: 'you gorbwit, read the article first' }).expect(201);
    await request(t.http)
      .post(`/api/moderation/comments/${posted.body.id}/decisions`)
      .set(p.moderator.auth)
      .send({ action: 'REJECT', reason: 'ABUSE', revision: 1, expectedStatus: posted.body.moderation.status })
      .expect(201);
    for (let i = 0; i < 45; i++) await decided(SITE_ABUSE(i), 'REJECT', 'ABUSE', article.id);
    for (let i = 0; i < 45; i++) await decided(SITE_CIVIL(i), 'APPROVE', null, article.id);
    for (let i = 0; i < 20; i++) await decided(SITE_SPAM(i), 'REJECT', 'SPAM', article.id);
    await decided('this is about something else entirely', 'REJECT', 'OFF_TOPIC', article.id);

    const registry = t.app.get(LocalModelRegistry);
    const before = registry.current();
    // A second instance on the same database.
    second = await createApp({ config: t.config, databaseUrl: t.db.url });
    await second.init();
    expect(before.version).toBe(SHIPPED_MODELS.version);
    const probe = 'honestly, what a gorbwit';
    const beforeScore = before.abuseProbability(probe);

    const exportFile = join(modelDir, 'decisions.jsonl');
    const options = parseRetrainArgs(
      ['--since', new Date(Date.now() - 3_600_000).toISOString(), '--abuse-data', join(FIXTURES, 'tweeteval'), '--spam-data', join(FIXTURES, 'youtube-spam'), '--export', exportFile],
      modelDir,
    );
    const log: string[] = [];
    const report = await retrain(t.app.get(ScorerModelsRepository), before, t.config.moderation, { ...options, log: (l) => log.push(l) });

    expect(report).toMatchObject({ decisions: 112, recorded: true, version: expect.stringMatching(/^site-\d{8}T\d{6}Z$/) });
    const abuse = report.models.find((m) => m.kind === 'abuse')!;
    const spam = report.models.find((m) => m.kind === 'spam')!;
    // Abuse: 46 rejections for abuse and 45 approvals; spam: 20 rejections for spam and the same approvals. Off-topic teaches neither.
    expect(abuse.train + abuse.heldOut).toBe(91);
    expect(spam.train + spam.heldOut).toBe(65);
    expect(abuse.heldOut).toBeGreaterThan(5);
    expect(abuse.after.auc).not.toBeNull();
    expect(abuse.after.auc!).toBeGreaterThanOrEqual(abuse.before.auc ?? 0);
    expect(readdirSync(modelDir).sort()).toEqual([`abuse-${report.version}.json`, 'decisions.jsonl', `spam-${report.version}.json`]);
    expect(log.some((l) => l.includes('wrote'))).toBe(true);

    // The export keeps, for each decision, the model version that scored the decided revision.
    const exported = readFileSync(exportFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(exported).toHaveLength(112);
    expect(exported.find((e) => e.commentId === posted.body.id)).toMatchObject({ action: 'REJECT', reason: 'ABUSE', abuse: 1, spam: null, scoredBy: SHIPPED_MODELS.version });

    // Every running instance checks every second and loads the new models; the next comment is scored by them.
    const expected = `spam ${report.version}, abuse ${report.version}`;
    const deadline = Date.now() + 30_000;
    const registries = [registry, second!.get(LocalModelRegistry)];
    while (registries.some((r) => r.current().version !== expected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(registries.map((r) => r.current().version)).toEqual([expected, expected]);
    expect(registry.current().abuseProbability(probe)).toBeGreaterThan(beforeScore);
    const next = await request(t.http).post(`/api/articles/${article.id}/comments`).set(p.otherReader.auth).send({ body: 'Which figure does the observatory give?' }).expect(201);
    const run = await t.prisma.commentCheckRun.findFirstOrThrow({ where: { commentId: next.body.id } });
    expect(run.scorer).toEqual([expect.objectContaining({ provider: 'local', status: 'ok', version: `spam ${report.version}, abuse ${report.version}` })]);
    const rows = await t.prisma.scorerModel.findMany({ orderBy: { kind: 'asc' } });
    expect(rows.map((r) => [r.kind, r.version, r.file])).toEqual([
      ['abuse', report.version, `abuse-${report.version}.json`],
      ['spam', report.version, `spam-${report.version}.json`],
    ]);
  }, 180_000);

  it('refuses to retrain with no decisions in the period, and records nothing', async () => {
    const options = parseRetrainArgs(['--since', '2999-01-01', '--dry-run'], modelDir);
    await expect(retrain(t.app.get(ScorerModelsRepository), SHIPPED_MODELS, t.config.moderation, { ...options, log: () => undefined })).rejects.toThrow(/no approved or rejected comments/);
  });

  it.each([
    [[], /--since/],
    [['--since', 'yesterday'], /--since/],
    [['--since', '2026-11-01', '--holdout', '0'], /--holdout/],
    [['--since', '2026-11-01', '--only', 'toxicity'], /--only/],
    [['--since', '2026-11-01', '--frobnicate'], /unknown argument --frobnicate/],
  ])('refuses the arguments %j', (argv, message) => {
    expect(() => parseRetrainArgs(argv, 'models')).toThrow(message);
  });
});
