import { loadConfig } from '../../../../config/config';
import type { CommentScorer } from './scorer';
import { ScorerSet, scorersFor, sortScore } from './scorer-set';

const settings = loadConfig({ MOD_SCORER_BREAKER_FAILURES: '2', MOD_SCORER_BREAKER_COOLDOWN_MS: '1000' }).moderation;

describe('ScorerSet', () => {
  it('offers the local scorer always and a remote one only once configured (or replaced)', () => {
    expect(new ScorerSet(settings).available).toEqual(['local']);
    const stub: CommentScorer = { name: 'llm', score: async () => ({ spam: null, abuse: 0.4 }) };
    expect(new ScorerSet(settings, undefined, undefined, { llm: stub }).available).toEqual(['local', 'llm']);
  });

  it('answers one outcome per name, in order, and marks a provider that is not set up as skipped', async () => {
    const outcomes = await new ScorerSet(settings).score('An ordinary comment.', ['perspective', 'local']);
    expect(outcomes.map((o) => [o.provider, o.status])).toEqual([['perspective', 'skipped'], ['local', 'ok']]);
    expect(outcomes[0].error).toBe('not configured');
  });

  it('skips a provider whose breaker opened, without calling it, until the cooldown has passed', async () => {
    let now = 0;
    let calls = 0;
    const failing: CommentScorer = { name: 'perspective', score: async () => (calls++, Promise.reject(new Error('503'))) };
    const set = new ScorerSet(settings, undefined, () => now, { perspective: failing });
    for (const expected of ['error', 'error', 'skipped', 'skipped']) expect((await set.score('x', ['perspective']))[0].status).toBe(expected);
    expect(calls).toBe(2);
    expect(set.breakerState('perspective')).toBe('open');
    now = 1000;
    expect((await set.score('x', ['perspective']))[0].status).toBe('error');
    expect(calls).toBe(3);
  });
});

describe('sortScore and scorersFor', () => {
  it('sorts by the highest spam or abuse score among the answers, 0 when none answered', () => {
    const ok = (spam: number | null, abuse: number | null) => ({ provider: 'x', status: 'ok' as const, spam, abuse, ms: 0 });
    expect(sortScore([ok(0.2, 0.7), ok(0.9, null)])).toBe(0.9);
    expect(sortScore([{ ...ok(null, null), status: 'timeout' }])).toBe(0);
    expect(sortScore([])).toBe(0);
  });

  it('uses an article’s own list when it has one, none for an empty one, else the site’s', () => {
    const site = { scorers: ['local'] as const, bySection: new Map([['politics', ['local', 'llm'] as const], ['sport', [] as const]]) };
    expect(scorersFor({ scorers: null, section: null }, site)).toEqual(['local']);
    expect(scorersFor({ scorers: '', section: null }, site)).toEqual([]);
    expect(scorersFor({ scorers: 'perspective,local', section: null }, site)).toEqual(['perspective', 'local']);
    // A section's own list, between the site's and the article's.
    expect(scorersFor({ scorers: null, section: 'politics' }, site)).toEqual(['local', 'llm']);
    expect(scorersFor({ scorers: null, section: 'sport' }, site)).toEqual([]);
    expect(scorersFor({ scorers: null, section: 'culture' }, site)).toEqual(['local']);
    expect(scorersFor({ scorers: 'perspective', section: 'politics' }, site)).toEqual(['perspective']);
  });
});
