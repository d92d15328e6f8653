import request from 'supertest';
import { loadConfig } from '../../src/config/config';
import { ScorerSet } from '../../src/modules/comments/pipeline/scorer/scorer-set';
import { startTestApp, TestApp } from '../helpers/app';
import { createArticle, createPersonas, createUser, Personas, TestUser } from '../helpers/factories';
import { chatAnswer, moderationAnswer, perspectiveAnswer, StubProviders, stubProviderEnv, StubRequest } from '../helpers/stub-providers';

type Outcome = { provider: string; status: string; spam: number | null; abuse: number | null; ms: number; version?: string; reason?: string; rationale?: string; error?: string };

function post(t: TestApp, user: TestUser, articleId: string, body: string) {
  return request(t.http).post(`/api/articles/${articleId}/comments`).set(user.auth).send({ body });
}

async function outcomesOf(t: TestApp, commentId: string): Promise<Outcome[]> {
  const run = await t.prisma.commentCheckRun.findFirstOrThrow({ where: { commentId }, orderBy: { createdAt: 'desc' } });
  return run.scorer as unknown as Outcome[];
}

/** The LLM stub's verdict for a comment: "score 0.42" in the text sets the score. */
function llmVerdictFor(req: StubRequest): string {
  const user = (req.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')?.content ?? '';
  const score = Number(/score (0\.\d+)/.exec(user)?.[1] ?? '0.05');
  return JSON.stringify({ reason: score >= 0.5 ? 'HARASSMENT' : 'NONE', score, rationale: `Scored ${score}: ${score >= 0.5 ? 'targets another reader' : 'civil'}.` });
}

describe('scorer providers against stub servers on loopback', () => {
  const stubs = new StubProviders();
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    await stubs.start();
    t = await startTestApp({
      ...stubProviderEnv(stubs),
      MOD_SCORER: 'local',
      MOD_SCORER_BY_SECTION: 'Politics=local,perspective; Sport=off',
      MOD_SCORER_LLM_TIMEOUT_MS: '2000',
      MOD_SCORER_BREAKER_FAILURES: '1000',
    });
    p = await createPersonas(t.prisma);
  });
  afterAll(async () => {
    await t.close();
    await stubs.stop();
  });
  beforeEach(() => {
    stubs.requests.length = 0;
  });

  async function articleScoredBy(scorers: string[] | null) {
    const article = await createArticle(t.prisma);
    await request(t.http).patch(`/api/articles/${article.id}`).set(p.admin.auth).send({ scorers }).expect(200);
    return article;
  }

  it('sends Perspective its own request shape and withholds on its highest abuse attribute', async () => {
    stubs.answer = () => perspectiveAnswer({ TOXICITY: 0.81, INSULT: 0.93 });
    const article = await articleScoredBy(['perspective']);
    const res = await post(t, p.reader, article.id, 'You are a clown and everyone here knows it.').expect(201);
    const [sent] = stubs.to('/perspective/v1alpha1/comments:analyze');
    expect(sent.query.get('key')).toBe('perspective-test-key');
    expect(sent.body).toEqual({
      comment: { text: 'You are a clown and everyone here knows it.' },
      requestedAttributes: { TOXICITY: {}, SEVERE_TOXICITY: {}, INSULT: {}, THREAT: {}, IDENTITY_ATTACK: {} },
      doNotStore: true,
    });
    expect(res.body.moderation).toMatchObject({ status: 'WITHHELD', reasons: ['ABUSE_SCORE'] });
    expect(await outcomesOf(t, res.body.id)).toEqual([expect.objectContaining({ provider: 'perspective', status: 'ok', abuse: 0.93, spam: null, reason: 'ABUSE' })]);
  });

  it('sends the moderation endpoint model and input with the key, and flags on harassment or hate only', async () => {
    stubs.answer = () => moderationAnswer({ violence: 0.99, 'hate/threatening': 0.8 });
    const article = await articleScoredBy(['openai-moderation']);
    const res = await post(t, p.reader, article.id, 'The shelling of the market killed eleven people, the observers say.').expect(201);
    const [sent] = stubs.to('/openai/v1/moderations');
    expect(sent.headers.authorization).toBe('Bearer moderation-test-key');
    expect(sent.body).toEqual({ model: 'omni-moderation-latest', input: 'The shelling of the market killed eleven people, the observers say.' });
    // violence 0.99 is left out (war reporting); hate/threatening 0.8 is between flag (75) and hold (90).
    expect(res.body.moderation).toMatchObject({ status: 'PUBLISHED', reasons: ['ABUSE_SCORE'] });
    expect(await outcomesOf(t, res.body.id)).toEqual([
      expect.objectContaining({ provider: 'openai-moderation', status: 'ok', abuse: 0.8, reason: 'HATE', version: 'omni-moderation-2024-09-26' }),
    ]);
  });

  it('asks the site’s LLM for a reason code and records its one-line rationale', async () => {
    stubs.answer = () => chatAnswer(JSON.stringify({ reason: 'REVEALS_POSITIONS', score: 0.97, rationale: 'Gives the\ncurrent position of a unit.' }));
    const article = await articleScoredBy(['llm']);
    const res = await post(t, p.reader, article.id, 'The battery is dug in behind the school on Lenina street right now.').expect(201);
    const [sent] = stubs.to('/openai/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer llm-test-key');
    expect(sent.body).toMatchObject({ model: 'site-llm-8b', temperature: 0, response_format: { type: 'json_object' } });
    const messages = sent.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0].content).toContain('REVEALS_POSITIONS');
    expect(messages[1].content).toBe('The battery is dug in behind the school on Lenina street right now.');
    expect(res.body.moderation).toMatchObject({ status: 'WITHHELD', reasons: ['ABUSE_SCORE'] });
    expect(await outcomesOf(t, res.body.id)).toEqual([
      expect.objectContaining({ provider: 'llm', status: 'ok', abuse: 0.97, reason: 'REVEALS_POSITIONS', rationale: 'Gives the current position of a unit.', version: 'site-llm-8b' }),
    ]);
  });

  it.each([
    ['prose around the JSON', 'Sure! {"reason": "ABUSE", "score": 0.9, "rationale": "rude"}'],
    ['a code fence', '```json\n{"reason": "ABUSE", "score": 0.9, "rationale": "rude"}\n```'],
    ['an unknown reason code', '{"reason": "RUDE", "score": 0.9, "rationale": "rude"}'],
    ['a score outside 0..1', '{"reason": "ABUSE", "score": 9, "rationale": "rude"}'],
    ['no rationale', '{"reason": "ABUSE", "score": 0.9}'],
  ])('records an LLM answer with %s as an error and publishes the comment', async (label, content) => {
    stubs.answer = () => chatAnswer(content);
    const article = await articleScoredBy(['llm']);
    const res = await post(t, p.reader, article.id, `A perfectly ordinary comment about the ceasefire talks (${label}).`).expect(201);
    expect(res.body.moderation).toMatchObject({ status: 'PUBLISHED', reasons: [] });
    const [outcome] = await outcomesOf(t, res.body.id);
    expect(outcome).toMatchObject({ provider: 'llm', status: 'error', abuse: null, spam: null, error: expect.any(String) });
  });

  it('posts without waiting for a slow provider, and records the timeout', async () => {
    const t2 = await startTestApp({ ...stubProviderEnv(stubs), MOD_SCORER: 'local,perspective', MOD_SCORER_PERSPECTIVE_TIMEOUT_MS: '150' });
    try {
      const p2 = await createPersonas(t2.prisma);
      stubs.answer = () => ({ ...perspectiveAnswer({ TOXICITY: 0.99 }), delayMs: 20000 });
      const article = await createArticle(t2.prisma);
      const started = Date.now();
      const res = await post(t2, p2.reader, article.id, 'Is there any independent confirmation of the figures?').expect(201);
      // The stub answers after 20 s: posting returned on the provider's 150 ms limit, not its answer.
      expect(Date.now() - started).toBeLessThan(10000);
      expect(res.body.moderation).toMatchObject({ status: 'PUBLISHED', reasons: [] });
      const outcomes = await outcomesOf(t2, res.body.id);
      expect(outcomes.map((o) => [o.provider, o.status])).toEqual([['local', 'ok'], ['perspective', 'timeout']]);
      expect(outcomes[1]).toMatchObject({ abuse: null, error: expect.stringContaining('150 ms') });
    } finally {
      await t2.close();
    }
  }, 60_000);

  it('opens the breaker after consecutive failures, skips the provider while open, and closes after the cooldown', async () => {
    // A cooldown far longer than a post takes even on a loaded machine, so the skips below happen
    // while it is open; the test then waits for the breaker itself to reach half-open.
    const t3 = await startTestApp({ ...stubProviderEnv(stubs), MOD_SCORER: 'perspective', MOD_SCORER_BREAKER_FAILURES: '2', MOD_SCORER_BREAKER_COOLDOWN_MS: '8000' });
    try {
      const scorers = t3.app.get(ScorerSet);
      const author = await createUser(t3.prisma);
      const article = await createArticle(t3.prisma);
      let n = 0;
      const postOne = async () => (await outcomesOf(t3, (await post(t3, author, article.id, `Comment number ${++n} about the talks.`).expect(201)).body.id))[0];
      stubs.answer = () => ({ status: 503, json: { error: { code: 503, message: 'unavailable' } } });
      expect((await postOne()).status).toBe('error');
      expect(scorers.breakerState('perspective')).toBe('closed');
      expect((await postOne()).status).toBe('error');
      expect(scorers.breakerState('perspective')).toBe('open');
      const calls = stubs.to('comments:analyze').length;
      expect(await postOne()).toMatchObject({ status: 'skipped', error: 'circuit breaker open', ms: 0 });
      expect(await postOne()).toMatchObject({ status: 'skipped' });
      expect(stubs.to('comments:analyze')).toHaveLength(calls);

      stubs.answer = () => perspectiveAnswer({ TOXICITY: 0.1 });
      while (scorers.breakerState('perspective') === 'open') await new Promise((r) => setTimeout(r, 100));
      expect(scorers.breakerState('perspective')).toBe('half-open');
      expect(await postOne()).toMatchObject({ status: 'ok', abuse: 0.1 });
      expect(scorers.breakerState('perspective')).toBe('closed');
      expect(await postOne()).toMatchObject({ status: 'ok' });
      expect(stubs.to('comments:analyze')).toHaveLength(calls + 2);
    } finally {
      await t3.close();
    }
  }, 60_000);

  it('scores an article with its own scorers: none, another provider, or the site’s again', async () => {
    stubs.answer = () => perspectiveAnswer({ TOXICITY: 0.2 });
    const article = await articleScoredBy([]);
    const none = await post(t, p.reader, article.id, 'Shut up, you brainless f*cking 1d10t.').expect(201);
    expect(await outcomesOf(t, none.body.id)).toEqual([]);
    expect(none.body.moderation.status).toBe('PUBLISHED');

    const patched = await request(t.http).patch(`/api/articles/${article.id}`).set(p.admin.auth).send({ scorers: ['perspective', 'local'] }).expect(200);
    expect(patched.body.comments.scorers).toEqual(['perspective', 'local']);
    const both = await post(t, p.otherReader, article.id, 'Which source gives the higher casualty figure?').expect(201);
    expect((await outcomesOf(t, both.body.id)).map((o) => o.provider)).toEqual(['perspective', 'local']);

    await request(t.http).patch(`/api/articles/${article.id}`).set(p.admin.auth).send({ scorers: null }).expect(200);
    const site = await post(t, p.reader, article.id, 'Thanks for the map of the front line.').expect(201);
    expect((await outcomesOf(t, site.body.id)).map((o) => o.provider)).toEqual(['local']);
    const shown = await request(t.http).get(`/api/articles/${article.id}`).expect(200);
    expect(shown.body.comments.scorers).toBeNull();
  });

  it('scores a section with its own scorers, unless the article names its own', async () => {
    stubs.answer = () => perspectiveAnswer({ TOXICITY: 0.2 });
    const politics = await createArticle(t.prisma, { section: 'Politics' });
    const onPolitics = await post(t, p.reader, politics.id, 'Which minister signed the order?').expect(201);
    expect((await outcomesOf(t, onPolitics.body.id)).map((o) => o.provider)).toEqual(['local', 'perspective']);
    const sport = await createArticle(t.prisma, { section: 'Sport' });
    const onSport = await post(t, p.reader, sport.id, 'What a finish in the second half.').expect(201);
    expect(await outcomesOf(t, onSport.body.id)).toEqual([]);
    const elsewhere = await createArticle(t.prisma, { section: 'Culture' });
    const onCulture = await post(t, p.reader, elsewhere.id, 'The review undersells the second act.').expect(201);
    expect((await outcomesOf(t, onCulture.body.id)).map((o) => o.provider)).toEqual(['local']);
    // The article's own setting wins over its section's.
    await request(t.http).patch(`/api/articles/${politics.id}`).set(p.admin.auth).send({ scorers: ['local'] }).expect(200);
    const own = await post(t, p.otherReader, politics.id, 'Where is the full text of the order?').expect(201);
    expect((await outcomesOf(t, own.body.id)).map((o) => o.provider)).toEqual(['local']);
  });

  it('refuses a section setting that names an unknown scorer or one this site has not set up', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', MOD_SCORER_BY_SECTION: 'Politics=gpt' })).toThrow(/MOD_SCORER_BY_SECTION must be/);
    expect(() => loadConfig({ NODE_ENV: 'test', MOD_SCORER_BY_SECTION: 'Politics' })).toThrow(/MOD_SCORER_BY_SECTION must be/);
    expect(() => loadConfig({ NODE_ENV: 'test', MOD_SCORER_BY_SECTION: 'Politics=llm' })).toThrow(/gives section "Politics" llm, but MOD_SCORER_LLM_URL is not set/);
  });

  it('refuses an article setting naming an unknown scorer (400) or one this site has not set up (422)', async () => {
    const bare = await startTestApp({ MOD_SCORER: 'local' });
    try {
      const admin = await createUser(bare.prisma, { role: 'ADMIN' });
      const article = await createArticle(bare.prisma);
      const unknown = await request(bare.http).patch(`/api/articles/${article.id}`).set(admin.auth).send({ scorers: ['gpt'] }).expect(400);
      expect(unknown.body.code).toBe('VALIDATION_FAILED');
      const missing = await request(bare.http).patch(`/api/articles/${article.id}`).set(admin.auth).send({ scorers: ['llm'] }).expect(422);
      expect(missing.body.code).toBe('ARTICLE_SCORER_NOT_CONFIGURED');
      const row = await bare.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
      expect(row.scorers).toBeNull();
    } finally {
      await bare.close();
    }
  }, 60_000);

  it('shows moderators which scorer said what on each queue item', async () => {
    stubs.answer = (req) => (req.path.endsWith('chat/completions') ? chatAnswer(llmVerdictFor(req)) : perspectiveAnswer({ TOXICITY: 0.3 }));
    const article = await articleScoredBy(['local', 'llm']);
    await t.prisma.article.update({ where: { id: article.id }, data: { moderationMode: 'PRE' } });
    const res = await post(t, p.reader, article.id, 'You again? score 0.66 Go away.').expect(201);
    const queue = await request(t.http).get(`/api/moderation/queues/pending?article=${article.id}`).set(p.moderator.auth).expect(200);
    const item = queue.body.items.find((i: { comment: { id: string } }) => i.comment.id === res.body.id);
    expect(item.scoring.score).toBeCloseTo(0.66, 6);
    expect(item.scoring.scorers).toEqual([
      expect.objectContaining({ provider: 'local', status: 'ok', abuse: expect.any(Number), spam: expect.any(Number), version: expect.stringContaining('abuse') }),
      expect.objectContaining({ provider: 'llm', status: 'ok', abuse: 0.66, reason: 'HARASSMENT', rationale: 'Scored 0.66: targets another reader.', version: 'site-llm-8b', ms: expect.any(Number) }),
    ]);
  });

  it('sorts the pending queue by score, highest first, and pages through it without loss or repeat', async () => {
    stubs.answer = (req) => chatAnswer(llmVerdictFor(req));
    const article = await articleScoredBy(['llm']);
    await t.prisma.article.update({ where: { id: article.id }, data: { moderationMode: 'PRE' } });
    const scores = [0.31, 0.72, 0.05, 0.72, 0.99, 0.4, 0.72, 0.12];
    const ids: string[] = [];
    for (const [i, s] of scores.entries()) ids.push((await post(t, p.reader, article.id, `Comment ${i}: score ${s} on the talks.`).expect(201)).body.id);
    const seen: { id: string; score: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(t.http)
        .get(`/api/moderation/queues/pending?article=${article.id}&sort=score&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(p.moderator.auth)
        .expect(200);
      for (const item of page.body.items) seen.push({ id: item.comment.id, score: item.scoring.score });
      cursor = page.body.nextCursor;
    } while (cursor);
    // Highest first; equal scores oldest first (the order they were posted in).
    const expected = scores.map((s, i) => ({ id: ids[i], score: s, i })).sort((a, b) => b.score - a.score || a.i - b.i).map(({ id, score }) => ({ id, score }));
    expect(seen).toEqual(expected);
  });

  it('refuses sort=score on a queue without a score index, and a score cursor that was not issued', async () => {
    const bad = await request(t.http).get('/api/moderation/queues/approved?sort=score').set(p.moderator.auth).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await request(t.http).get('/api/moderation/queues/pending?sort=score&order=oldest').set(p.moderator.auth).expect(400);
    const oldestCursor = Buffer.from(JSON.stringify({ c: new Date().toISOString(), i: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    const wrong = await request(t.http).get(`/api/moderation/queues/pending?sort=score&cursor=${oldestCursor}`).set(p.moderator.auth);
    expect(wrong.status).toBe(400);
  });
});
