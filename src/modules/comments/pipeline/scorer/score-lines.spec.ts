import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { loadConfig } from '../../../../config/config';
import { WordMatcher } from '../../../wordlists/matching/word-matcher';
import { readWordFile, ScoredLine, scoreLines } from './score-lines';
import { CommentScorer, LocalScorer, scoreWithTimeout } from './scorer';

const settings = loadConfig({}).moderation;

async function run(text: string, scorers: CommentScorer[] = [new LocalScorer()], words = new WordMatcher([])): Promise<ScoredLine[]> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  const score = (t: string) => Promise.all(scorers.map((s) => scoreWithTimeout(s, t, 1000)));
  await scoreLines(Readable.from([text]), out, { score, words, settings, maxLength: 10_000 });
  return chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ScoredLine);
}

describe('scoreLines (npm run score)', () => {
  it('writes one JSON line per comment with every scorer’s scores, the word hits and the reasons', async () => {
    const words = new WordMatcher([{ id: '1', phrase: 'crisis actor', kind: 'SUSPECT' }]);
    const lines = await run('Shut up, you f*cking 1d10t.\r\n\nObviously a c.r.i.s.i.s a.c.t.o.r, says the observatory.\n', undefined, words);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ line: 1, text: 'Shut up, you f*cking 1d10t.', status: 'WITHHELD', reasons: ['ABUSE_SCORE'], words: [] });
    expect(lines[0].scores).toEqual([expect.objectContaining({ provider: 'local', status: 'ok', spam: expect.any(Number), abuse: expect.any(Number), version: expect.any(String) })]);
    expect(lines[0].scores[0].abuse).toBeGreaterThanOrEqual(0.9);
    expect(lines[1]).toMatchObject({ line: 3, status: 'PUBLISHED', reasons: ['SUSPECT_WORD'], words: [{ phrase: 'crisis actor', kind: 'SUSPECT' }] });
  });

  it('lists the outcome of every configured scorer, including one that fails, and never stops', async () => {
    const failing: CommentScorer = { name: 'remote', score: () => Promise.reject(new Error('down')) };
    const [line] = await run('An ordinary comment about the ceasefire.', [failing, new LocalScorer()]);
    expect(line.scores.map((s) => [s.provider, s.status])).toEqual([['remote', 'error'], ['local', 'ok']]);
    expect(line.status).toBe('PUBLISHED');
  });

  it('reports a comment the posting checks would refuse, and scores nothing with no scorers', async () => {
    const [line] = await run('x'.repeat(10_001), []);
    expect(line).toMatchObject({ status: 'REFUSED:BODY_TOO_LONG', scores: [] });
  });

  it('reads a word file of BANNED/SUSPECT lines and refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-words-'));
    writeFileSync(join(dir, 'ok.tsv'), '# site list\nBANNED\tgrenade lobber\n\nSUSPECT\tidiot\n');
    expect(readWordFile(join(dir, 'ok.tsv'))).toEqual([
      { id: 'file:2', phrase: 'grenade lobber', kind: 'BANNED' },
      { id: 'file:4', phrase: 'idiot', kind: 'SUSPECT' },
    ]);
    writeFileSync(join(dir, 'bad.tsv'), 'idiot\n');
    expect(() => readWordFile(join(dir, 'bad.tsv'))).toThrow(/bad.tsv:1/);
  });
});
