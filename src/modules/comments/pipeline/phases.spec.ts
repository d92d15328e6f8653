import { loadConfig } from '../../../config/config';
import type { CheckContext, Phase, PhaseOutcome } from './check-context';
import * as phases from './phases';
import { containsLink, runPipeline } from './pipeline';

const settings = loadConfig({}).moderation;

function ctx(overrides: { [K in keyof CheckContext]?: Partial<CheckContext[K]> } = {}): CheckContext {
  const base: CheckContext = {
    body: 'A thoughtful comment.',
    length: 21,
    maxLength: 10000,
    article: { open: true, closedReason: null, moderationMode: 'POST', holdLinks: false },
    author: { premoderated: false, approvedComments: 5, decidedLast7Days: 0, rejectedLast7Days: 0, repeatedRecently: false },
    words: [],
    hasLinks: false,
    scores: [],
    settings,
  };
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    const b = (base as unknown as Record<string, unknown>)[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && typeof b === 'object' && b !== null && !Array.isArray(b) ? { ...b, ...v } : v;
  }
  return out as unknown as CheckContext;
}

type Row = [string, Parameters<typeof ctx>[0], PhaseOutcome | null];

const TABLES: Record<string, [Phase, Row[]]> = {
  bodyLength: [
    phases.bodyLength,
    [
      ['an ordinary body passes', {}, null],
      ['an empty body is refused', { length: 0 } as never, { kind: 'refuse', code: 'BODY_EMPTY', message: expect.any(String) } as never],
      ['a body over the limit is refused', { length: 10001 } as never, { kind: 'refuse', code: 'BODY_TOO_LONG', message: expect.stringContaining('10000') } as never],
      ['a body at the limit passes', { length: 10000 } as never, null],
    ],
  ],
  articleClosed: [
    phases.articleClosed,
    [
      ['an open article passes', {}, null],
      ['a closed article is refused', { article: { open: false, closedReason: 'closed by the editors' } }, { kind: 'refuse', code: 'COMMENTS_CLOSED', message: expect.stringContaining('closed by the editors') } as never],
    ],
  ],
  repeatPost: [
    phases.repeatPost,
    [
      ['a new text passes', {}, null],
      ['the same text within the window is withheld', { author: { repeatedRecently: true } }, { kind: 'status', status: 'WITHHELD', reason: 'REPEAT_POST' }],
    ],
  ],
  bannedWords: [
    phases.bannedWords,
    [
      ['no words, no outcome', {}, null],
      ['a suspect word alone is not banned', { words: [{ phrase: 'x', kind: 'SUSPECT' }] } as never, null],
      ['a banned word rejects and says which', { words: [{ phrase: 'slur', kind: 'BANNED' }] } as never, { kind: 'status', status: 'REJECTED', reason: 'BANNED_WORD', message: expect.stringContaining('slur') } as never],
    ],
  ],
  suspectWords: [
    phases.suspectWords,
    [
      ['no suspect word passes', {}, null],
      ['a suspect word is flagged by default', { words: [{ phrase: 'x', kind: 'SUSPECT' }] } as never, { kind: 'flag', reason: 'SUSPECT_WORD' }],
      ['in hold mode a suspect word withholds', { words: [{ phrase: 'x', kind: 'SUSPECT' }], settings: { suspectWordsAction: 'hold' } } as never, { kind: 'status', status: 'WITHHELD', reason: 'SUSPECT_WORD' }],
    ],
  ],
  links: [
    phases.links,
    [
      ['no link passes', {}, null],
      ['a trusted author may post links', { hasLinks: true } as never, null],
      ['a new commenter’s link is withheld', { hasLinks: true, author: { approvedComments: 0 } } as never, { kind: 'status', status: 'WITHHELD', reason: 'LINKS_NEW_COMMENTER' }],
      ['an article that holds links holds everyone’s', { hasLinks: true, article: { holdLinks: true } } as never, { kind: 'status', status: 'WITHHELD', reason: 'LINKS' }],
    ],
  ],
  newCommenter: [
    phases.newCommenter,
    [
      ['off by default', { author: { approvedComments: 0 } }, null],
      ['holds until N approved when on', { author: { approvedComments: 1 }, settings: { newCommenterApprovedComments: 2 } } as never, { kind: 'status', status: 'PENDING', reason: 'NEW_COMMENTER' }],
      ['passes at N approved', { author: { approvedComments: 2 }, settings: { newCommenterApprovedComments: 2 } } as never, null],
    ],
  ],
  recentHistory: [
    phases.recentHistory,
    [
      ['too few decisions to judge', { author: { decidedLast7Days: 2, rejectedLast7Days: 2 } }, null],
      ['below 30% rejected passes', { author: { decidedLast7Days: 10, rejectedLast7Days: 2 } }, null],
      ['at 30% rejected withholds', { author: { decidedLast7Days: 10, rejectedLast7Days: 3 } }, { kind: 'status', status: 'WITHHELD', reason: 'RECENT_REJECTIONS' }],
    ],
  ],
  userPremoderation: [
    phases.userPremoderation,
    [
      ['an ordinary user passes', {}, null],
      ['a pre-moderated user waits', { author: { premoderated: true } }, { kind: 'status', status: 'PENDING', reason: 'USER_PREMODERATED' }],
    ],
  ],
  articlePremoderation: [
    phases.articlePremoderation,
    [
      ['a post-moderated article passes', {}, null],
      ['a pre-moderated article holds every comment', { article: { moderationMode: 'PRE' } }, { kind: 'status', status: 'PENDING', reason: 'ARTICLE_PREMODERATED' }],
    ],
  ],
  automaticScore: [
    phases.automaticScore,
    [
      ['scoring off passes', {}, null],
      ['a low score passes', { scores: [{ provider: 'local', status: 'ok', spam: 0.2, abuse: null }] } as never, null],
      ['a score just under the flag threshold passes', { scores: [{ provider: 'local', status: 'ok', spam: 0.79, abuse: null }] } as never, null],
      ['a score at the flag threshold publishes with a flag', { scores: [{ provider: 'local', status: 'ok', spam: 0.8, abuse: null }] } as never, { kind: 'flag', reason: 'SPAM_SCORE' }],
      ['a score just under the hold threshold flags', { scores: [{ provider: 'local', status: 'ok', spam: 0.97, abuse: null }] } as never, { kind: 'flag', reason: 'SPAM_SCORE' }],
      ['a high spam score withholds', { scores: [{ provider: 'local', status: 'ok', spam: 0.99, abuse: null }] } as never, { kind: 'status', status: 'WITHHELD', reason: 'SPAM_SCORE' }],
      ['flagging off (0) leaves only holding', { scores: [{ provider: 'local', status: 'ok', spam: 0.97, abuse: null }], settings: { spamFlagThreshold: 0 } } as never, null],
      ['a high abuse score is not spam', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.99 }] } as never, null],
      ['a timed-out scorer never blocks', { scores: [{ provider: 'local', status: 'timeout', spam: null, abuse: null }] } as never, null],
      ['a failed scorer never blocks', { scores: [{ provider: 'local', status: 'error', spam: null, abuse: null }] } as never, null],
    ],
  ],
  abuseScore: [
    phases.abuseScore,
    [
      ['scoring off passes', {}, null],
      ['a low score passes', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.2 }] } as never, null],
      ['a score just under the flag threshold passes', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.74 }] } as never, null],
      ['a score at the flag threshold publishes with a flag', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.75 }] } as never, { kind: 'flag', reason: 'ABUSE_SCORE' }],
      ['a score just under the hold threshold flags', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.89 }] } as never, { kind: 'flag', reason: 'ABUSE_SCORE' }],
      ['a score at the hold threshold withholds', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.9 }] } as never, { kind: 'status', status: 'WITHHELD', reason: 'ABUSE_SCORE' }],
      ['a site’s own hold threshold applies', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.8 }], settings: { abuseHoldThreshold: 0.8 } } as never, { kind: 'status', status: 'WITHHELD', reason: 'ABUSE_SCORE' }],
      ['flagging off (0) leaves only holding', { scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.85 }], settings: { abuseFlagThreshold: 0 } } as never, null],
      ['a provider without an abuse score says nothing', { scores: [{ provider: 'local', status: 'ok', spam: 0.99, abuse: null }] } as never, null],
      ['a high spam score is not abuse', { scores: [{ provider: 'local', status: 'ok', spam: 0.99, abuse: 0.1 }] } as never, null],
      ['a timed-out scorer never blocks', { scores: [{ provider: 'local', status: 'timeout', spam: null, abuse: null }] } as never, null],
      ['a failed scorer never blocks', { scores: [{ provider: 'local', status: 'error', spam: null, abuse: null }] } as never, null],
      ['a skipped scorer (breaker open) never blocks', { scores: [{ provider: 'perspective', status: 'skipped', spam: null, abuse: null }] } as never, null],
      ['a remote provider holds at its own threshold', { scores: [{ provider: 'perspective', status: 'ok', spam: null, abuse: 0.92 }] } as never, { kind: 'status', status: 'WITHHELD', reason: 'ABUSE_SCORE' }],
      ['a remote provider flags at its own threshold', { scores: [{ provider: 'openai-moderation', status: 'ok', spam: null, abuse: 0.8 }] } as never, { kind: 'flag', reason: 'ABUSE_SCORE' }],
      ['a hold by any scorer beats another’s flag', {
        scores: [{ provider: 'local', status: 'ok', spam: 0.1, abuse: 0.8 }, { provider: 'llm', status: 'ok', spam: null, abuse: 0.95 }],
      } as never, { kind: 'status', status: 'WITHHELD', reason: 'ABUSE_SCORE' }],
      ['a provider set to flag only (hold 0) never holds', {
        scores: [{ provider: 'perspective', status: 'ok', spam: null, abuse: 0.99 }], settings: { perspective: { ...settings.perspective, hold: 0 } },
      } as never, { kind: 'flag', reason: 'ABUSE_SCORE' }],
      ['a provider set to sort only (hold and flag 0) says nothing', {
        scores: [{ provider: 'perspective', status: 'ok', spam: null, abuse: 0.99 }], settings: { perspective: { ...settings.perspective, hold: 0, flag: 0 } },
      } as never, null],
    ],
  ],
};

describe.each(Object.entries(TABLES))('phase %s', (_name, [phase, rows]) => {
  it.each(rows)('%s', (_label, overrides, expected) => {
    expect(phase(ctx(overrides))).toEqual(expected);
  });
});

describe('the pipeline', () => {
  it('runs every phase in the policy order', () => {
    expect(phases.PHASES).toEqual([
      phases.bodyLength, phases.articleClosed, phases.repeatPost, phases.bannedWords, phases.suspectWords, phases.links,
      phases.newCommenter, phases.recentHistory, phases.userPremoderation, phases.articlePremoderation, phases.automaticScore,
      phases.abuseScore,
    ]);
  });

  it('lets the strongest status win and records every reason', () => {
    const result = runPipeline(ctx({ author: { premoderated: true, repeatedRecently: true }, words: [{ phrase: 'slur', kind: 'BANNED' }] } as never));
    expect(result).toMatchObject({ status: 'REJECTED', reasons: ['REPEAT_POST', 'BANNED_WORD', 'USER_PREMODERATED'], refuse: null });
    expect(result.message).toContain('slur');
  });

  it('publishes a clean comment and raises system flags without holding', () => {
    expect(runPipeline(ctx())).toEqual({ refuse: null, status: 'PUBLISHED', reasons: [], flags: [], message: null });
    expect(runPipeline(ctx({ words: [{ phrase: 'x', kind: 'SUSPECT' }] } as never))).toMatchObject({ status: 'PUBLISHED', flags: ['SUSPECT_WORD'] });
  });

  it('withholds an abusive comment and records the reason beside the others', () => {
    const result = runPipeline(ctx({ scores: [{ provider: 'local', status: 'ok', spam: 0.85, abuse: 0.95 }], words: [{ phrase: 'x', kind: 'SUSPECT' }] } as never));
    expect(result).toMatchObject({ status: 'WITHHELD', reasons: ['SUSPECT_WORD', 'SPAM_SCORE', 'ABUSE_SCORE'], flags: ['SUSPECT_WORD', 'SPAM_SCORE'] });
  });

  it('stops at a refusal', () => {
    expect(runPipeline(ctx({ length: 0 } as never)).refuse).toMatchObject({ code: 'BODY_EMPTY' });
  });
});

describe('link detection', () => {
  it.each([
    ['see https://example.org/x', true],
    ['www.example.org', true],
    ['[source](https://x.org)', true],
    ['visit cheap-pills.xyz now', true],
    ['the town of Kherson', false],
    ['3.5 km south', false],
  ])('%s → %s', (body, expected) => {
    expect(containsLink(body)).toBe(expected);
  });

  it.each([
    ['[note[x](rel/path)', true],
    ['sub.domain-name.org', true],
    ['a[b]c', false],
  ])('%s → %s', (body, expected) => {
    expect(containsLink(body)).toBe(expected);
  });

  it('answers on runs built to make a backtracking pattern rescan (their CPU cost is in bench/input-costs.mjs)', () => {
    for (const unit of ['x', '[', '[x](', 'ab-', '(']) {
      expect(containsLink(unit.repeat(Math.ceil(200_000 / unit.length)))).toBe(false);
    }
  });
});
