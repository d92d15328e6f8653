import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ModerationSettings } from '../../../../config/config';
import type { WordEntry, WordMatcher } from '../../../wordlists/matching/word-matcher';
import type { CheckContext } from '../check-context';
import { containsLink, runPipeline } from '../pipeline';
import type { ScoreOutcome } from './scorer';

export interface ScoreLinesOptions {
  /** Every configured scorer's outcome for one text (ScorerSet.score with the site's scorers). */
  score: (text: string) => Promise<ScoreOutcome[]>;
  words: WordMatcher;
  settings: ModerationSettings;
  maxLength: number;
}

/** One output line: what the posting checks would say about a comment, from its text alone. */
export interface ScoredLine {
  line: number;
  text: string;
  /** What the pipeline would decide for a trusted author on an open, post-moderated article. */
  status: string;
  reasons: string[];
  scores: ScoreOutcome[];
  words: { phrase: string; kind: 'BANNED' | 'SUSPECT' }[];
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/**
 * Scores one comment per input line (blank lines are skipped but counted) and writes one JSON
 * line each: every scorer's outcome, the word-list hits, and the status and reason codes the
 * posting checks would give it. The author and article are neutral (trusted, open, no
 * pre-moderation), so only the text decides: this is for measuring the scorers and lists on a
 * site's own comments before trusting them.
 */
export async function scoreLines(input: Readable, output: Writable, options: ScoreLinesOptions): Promise<number> {
  let line = 0;
  let scored = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const text = raw.trim();
    if (text === '') continue;
    output.write(JSON.stringify(await scoreOne(line, text, options)) + '\n');
    scored++;
  }
  return scored;
}

async function scoreOne(line: number, text: string, { score, words, settings, maxLength }: ScoreLinesOptions): Promise<ScoredLine> {
  const scores = await score(text);
  const hits = words.match(text).map((w) => ({ phrase: w.phrase, kind: w.kind }));
  const ctx: CheckContext = {
    body: text,
    length: [...text].length,
    maxLength,
    article: { open: true, closedReason: null, moderationMode: 'POST', holdLinks: false },
    author: { premoderated: false, approvedComments: Number.MAX_SAFE_INTEGER, decidedLast7Days: 0, rejectedLast7Days: 0, repeatedRecently: false },
    words: hits,
    hasLinks: containsLink(text),
    scores,
    settings,
  };
  const result = runPipeline(ctx);
  return {
    line,
    text,
    status: result.refuse ? `REFUSED:${result.refuse.code}` : result.status,
    reasons: result.reasons,
    scores: scores.map((s) => ({ ...s, spam: round(s.spam), abuse: round(s.abuse) })),
    words: hits,
  };
}

/** Entries from a --words file: "BANNED<TAB>phrase" or "SUSPECT<TAB>phrase" per line. */
export function readWordFile(file: string): WordEntry[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line, n) => ({ line: line.trim(), n }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, n }) => {
      const [kind, ...rest] = line.split('\t');
      if ((kind !== 'BANNED' && kind !== 'SUSPECT') || rest.length === 0) throw new Error(`${file}:${n + 1}: expected BANNED<TAB>phrase or SUSPECT<TAB>phrase`);
      return { id: `file:${n + 1}`, phrase: rest.join('\t'), kind };
    });
}
