import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../../config/config';
import { ABUSE_MODEL_INFO } from './abuse-model';
import { BUCKETS, FEATURES_VERSION, IdfTable, featureFingerprint, featurize, hashBucket, tokenize } from './features';
import { CommentScorer, LocalScorer, scoreWithTimeout } from './scorer';
import { SPAM_MODEL_INFO, spamProbability } from './spam-model';
import model from './spam-model.json';

// Ordinary reader comments under conflict reporting, written for this test (not taken from any
// article), in English, French, Russian, Arabic and German. They were written before the model's
// settings were chosen and were not edited afterwards.
const NEWS = [
  'Has anyone independently verified the casualty figures? The observatory counts less than half of what the ministry is claiming.',
  'The map in the third paragraph puts the front line about ten kilometres east of where it was last week. Which one is right?',
  'My cousin lives in the district and says the bridge is still standing, so I would treat the report of its destruction with caution.',
  'Good piece. I wish the author had said more about how the supply routes through the desert are being protected.\n\nAlso: who is actually holding the airfield now? Two outlets report opposite things, and neither names a source.',
  'This is the same claim that went around in March and turned out to be false. Wait for satellite imagery before drawing conclusions.',
  'Les chiffres avancés par les deux camps ne concordent pas ; il faudrait une source indépendante avant de conclure.',
  'Это сообщение пока никто не подтвердил, местные журналисты пишут совсем другое.',
  'الأرقام الواردة في التقرير تحتاج إلى تأكيد من مصدر مستقل، فالطرفان يبالغان دائما.',
  'Die Lage in der Stadt ist unübersichtlich, und die Berichte über einen Rückzug sind bisher unbestätigt.',
  'Thanks for including the timeline at the end; it makes the week much easier to follow.',
];

// Trained on YouTube comments alone, the model scored NEWS[4] and NEWS[9] above 0.5 (about 0.52
// and 0.65): "turned out", "thanks for" and "follow" mostly come from YouTube spam. With news
// comments among its negatives (scripts/spam-data/) they score about 0.06 and 0.19.

const SPAM = [
  'Check out my channel!!! subscribe http://youtube.com/user/mychannel',
  'free iphone giveaway click here',
  'Hey guys please check out my new video and subscribe, it would mean a lot!!',
  'Make money online from home, visit my website www.easy-cash.example',
];

describe('spam features', () => {
  const idf: IdfTable = { documents: 10, df: new Map([[hashBucket('w:channel'), 3]]) };

  it('featurizes deterministically', () => {
    for (const text of [...NEWS, ...SPAM, '', '🙂🙂']) {
      expect([...featurize(text, idf)]).toEqual([...featurize(text, idf)]);
    }
    // FNV-1a's published test vectors ("a" → 0xe40c292c, "foobar" → 0xbf9cf968), reduced to 2^18
    // buckets, and one pinned feature: a change to hashing must come with a retrained model.
    expect(hashBucket('a')).toBe(0xe40c292c & (BUCKETS - 1));
    expect(hashBucket('foobar')).toBe(0xbf9cf968 & (BUCKETS - 1));
    expect(hashBucket('w:subscribe')).toBe(86084);
  });

  it('matches the features the shipped model was trained with', () => {
    expect(model.features.version).toBe(FEATURES_VERSION);
    expect(model.features.buckets).toBe(BUCKETS);
    expect(model.features.fingerprint).toBe(featureFingerprint());
  });

  it('gives unit-length vectors, whatever the comment length', () => {
    for (const text of [SPAM[0], NEWS[3].repeat(20), 'ok']) {
      const norm = Math.sqrt([...featurize(text, idf).values()].reduce((s, v) => s + v * v, 0));
      expect(norm).toBeCloseTo(1, 9);
    }
    expect(featurize('', idf).size).toBe(0);
    expect(featurize('!!! ...', idf).size).toBe(1); // the "!!" marker alone
  });

  it('drops the text of links but marks that there is one', () => {
    expect(tokenize('see https://example.com/Channel?x=1 and www.spam.example now')).toEqual(['see', 'and', 'now']);
    const withLink = featurize('see https://example.com/x', idf);
    expect(withLink.has(hashBucket('x:link'))).toBe(true);
    expect(featurize('see', idf).has(hashBucket('x:link'))).toBe(false);
  });

  it('normalizes width and case, and collapses numbers', () => {
    expect(tokenize('ＳＵＢＳＣＲＩＢＥ to 2000 Subs')).toEqual(['subscribe', 'to', '0', 'subs']);
    expect(tokenize("I'm here")).toEqual(['im', 'here']);
  });
});

/** Held-out legitimate war-reporting comments citing news links (never trained on). */
const NEWS_WITH_LINKS = readFileSync(join(__dirname, '../../../../../test/fixtures/spam-heldout-news-links.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('local spam model on news comments that cite sources', () => {
  const flag = loadConfig({}).moderation.spamFlagThreshold;

  it('has at least 8 held-out comments, each with a link', () => {
    expect(NEWS_WITH_LINKS.length).toBeGreaterThanOrEqual(8);
    for (const text of NEWS_WITH_LINKS) expect(text).toMatch(/https?:\/\//);
  });

  // Trained on YouTube alone, the model gave these 0.20–0.70 (three above 0.5), and the issue's own
  // eight such comments 0.58–0.94: a link was most of what spam looked like.
  it.each(NEWS_WITH_LINKS)('scores a legitimate comment citing a news link below the flag threshold and below 0.5: %s', (text) => {
    expect(spamProbability(text)).toBeLessThan(flag);
    expect(spamProbability(text)).toBeLessThan(0.5);
  });

  it('records the held-out figures and keeps 0.95 accuracy in 10-fold cross-validation', () => {
    expect(model.evaluation.heldOutNewsWithLinks).toMatchObject({ n: NEWS_WITH_LINKS.length, belowFlag: NEWS_WITH_LINKS.length });
    expect(model.evaluation.crossValidation.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('local spam model', () => {
  it('exposes what it was trained on and how it did', () => {
    expect(SPAM_MODEL_INFO.dataset).toBe('YouTube Spam Collection v1');
    expect(SPAM_MODEL_INFO.evaluation.crossValidation.accuracy).toBeGreaterThan(0.9);
  });

  it.each(SPAM)('scores obvious spam above 0.8: %s', (text) => {
    expect(spamProbability(text)).toBeGreaterThan(0.8);
  });

  it.each(NEWS)('scores an ordinary news comment below 0.5: %s', (text) => {
    expect(spamProbability(text)).toBeLessThan(0.5);
  });

  it('ranks every news comment below every obvious spam', () => {
    const news = Math.max(...NEWS.map(spamProbability));
    const spam = Math.min(...SPAM.map(spamProbability));
    expect(news).toBeLessThan(spam);
  });

  it('returns a probability for any input', () => {
    for (const text of ['', ' ', '😀'.repeat(5000), 'a'.repeat(20_000), '\u0000\uffff']) {
      const p = spamProbability(text);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

// From this spec (src/modules/comments/pipeline/scorer) six levels up is the folder that holds the
// repository and shared/ side by side: /work/main/src/… → /work/shared/data/youtube-spam.
const DATA_DIR = resolve(__dirname, '../../../../../../shared/data/youtube-spam');
const hasData = existsSync(DATA_DIR) && readdirSync(DATA_DIR).some((f) => f.endsWith('.csv'));

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

(hasData ? describe : describe.skip)(`local spam model on the YouTube Spam Collection${hasData ? '' : ` [needs its CSV files in ${DATA_DIR}]`}`, () => {
  const files = hasData
    ? readdirSync(DATA_DIR)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((file) => {
          const [header, ...rows] = parseCsv(readFileSync(join(DATA_DIR, file), 'utf8').replace(/^\uFEFF/, ''));
          const [content, label] = [header.indexOf('CONTENT'), header.indexOf('CLASS')];
          return { file, items: rows.map((r) => ({ text: r[content], spam: r[label] === '1', fields: r.length })) };
        })
    : [];

  it('parses all 1,956 comments', () => {
    const items = files.flatMap((f) => f.items);
    expect(items).toHaveLength(1956);
    expect(items.filter((i) => i.spam)).toHaveLength(1005);
    expect(items.every((i) => i.fields === 5)).toBe(true);
  });

  // The published split's test portion: per file, the last 30% of each class in file order. The
  // shipped model was trained on ALL the data, these comments included, so this is a training-set
  // figure and optimistic; it checks that the shipped file and the runtime scorer work together.
  // The honest held-out figures (published split and 10-fold CV, models trained without the test
  // comments) are computed by scripts/train-spam-model.mjs and stored in the model's `evaluation`.
  it('classifies the published split test portions with at least 0.9 accuracy', () => {
    const test = files.flatMap(({ items }) =>
      [true, false].flatMap((spam) => {
        const ofClass = items.filter((i) => i.spam === spam);
        return ofClass.slice(Math.floor(ofClass.length * 0.7));
      }),
    );
    expect(test).toHaveLength(591);
    const right = test.filter((i) => spamProbability(i.text) >= 0.5 === i.spam).length;
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('scoreWithTimeout', () => {
  it('returns both local scores and the models’ versions', async () => {
    const outcome = await scoreWithTimeout(new LocalScorer(), SPAM[0], 1000);
    expect(outcome).toMatchObject({ provider: 'local', status: 'ok', version: expect.stringContaining(ABUSE_MODEL_INFO.version) });
    expect(outcome.spam).toBeGreaterThan(0.8);
    expect(outcome.abuse).toBeLessThan(0.5);
    expect(outcome.ms).toBeGreaterThanOrEqual(0);
    const abusive = await scoreWithTimeout(new LocalScorer(), 'Shut up, you f*cking 1d10t.', 1000);
    expect(abusive.abuse).toBeGreaterThan(0.9);
  });

  it('passes both scores of a provider through', async () => {
    const remote: CommentScorer = { name: 'remote', score: async () => ({ spam: 0.25, abuse: 0.75 }) };
    await expect(scoreWithTimeout(remote, 'text', 100)).resolves.toMatchObject({ provider: 'remote', status: 'ok', spam: 0.25, abuse: 0.75 });
  });

  describe('time limit (on a fake clock: the limit, not the machine speed, decides)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    /** Settles `promise` into a box that can be checked without awaiting it. */
    function watch<T>(promise: Promise<T>): { value?: T } {
      const box: { value?: T } = {};
      void promise.then((v) => (box.value = v));
      return box;
    }

    it('gives up on a provider that never answers exactly at the time limit, aborting it', async () => {
      let signal: AbortSignal | undefined;
      const hanging: CommentScorer = {
        name: 'hanging',
        score: (_text, s) => {
          signal = s;
          return new Promise(() => undefined);
        },
      };
      const result = watch(scoreWithTimeout(hanging, 'text', 50));
      await jest.advanceTimersByTimeAsync(49);
      expect(result.value).toBeUndefined();
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(result.value).toMatchObject({ provider: 'hanging', status: 'timeout', spam: null, abuse: null, ms: 50 });
      expect(signal?.aborted).toBe(true);
    });

    it('does not wait for a provider that ignores the abort signal and answers late', async () => {
      const stubborn: CommentScorer = {
        name: 'stubborn',
        score: () => new Promise((resolve) => setTimeout(() => resolve({ spam: 0.99, abuse: 0.99 }), 2000)),
      };
      const result = watch(scoreWithTimeout(stubborn, 'text', 30));
      await jest.advanceTimersByTimeAsync(30);
      expect(result.value).toMatchObject({ status: 'timeout', spam: null, abuse: null, ms: 30 });
      await jest.advanceTimersByTimeAsync(2000);
      expect(result.value).toMatchObject({ status: 'timeout', spam: null, abuse: null });
    });
  });

  it('reports a provider that rejects as an error, never throwing', async () => {
    const failing: CommentScorer = { name: 'failing', score: () => Promise.reject(new Error('provider down')) };
    await expect(scoreWithTimeout(failing, 'text', 50)).resolves.toMatchObject({ provider: 'failing', status: 'error', spam: null, abuse: null });
  });

  it('reports a provider that throws synchronously as an error', async () => {
    const throwing: CommentScorer = {
      name: 'throwing',
      score: () => {
        throw new Error('bad config');
      },
    };
    await expect(scoreWithTimeout(throwing, 'text', 50)).resolves.toMatchObject({ status: 'error', spam: null });
  });

  it('reports a provider that rejects after the time limit as a timeout, without an unhandled rejection', async () => {
    const late: CommentScorer = { name: 'late', score: () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 40)) };
    await expect(scoreWithTimeout(late, 'text', 10)).resolves.toMatchObject({ status: 'timeout' });
    await new Promise((r) => setTimeout(r, 60)); // the late rejection lands here, already handled
  });

  it.each([
    ['a probability above 1', { spam: 1.5, abuse: null }],
    ['NaN', { spam: Number.NaN, abuse: null }],
    ['a string', { spam: '0.5', abuse: null }],
    ['nothing', undefined],
  ])('reports a provider that answers with %s as an error', async (_label, answer) => {
    const odd = { name: 'odd', score: async () => answer } as unknown as CommentScorer;
    await expect(scoreWithTimeout(odd, 'text', 50)).resolves.toMatchObject({ status: 'error', spam: null, abuse: null });
  });

  it('treats a zero or invalid limit as "no waiting", yet still takes an immediate answer', async () => {
    const hanging: CommentScorer = { name: 'hanging', score: () => new Promise(() => undefined) };
    for (const limit of [0, -5, Number.NaN]) {
      const started = performance.now();
      await expect(scoreWithTimeout(hanging, 'text', limit)).resolves.toMatchObject({ status: 'timeout' });
      expect(performance.now() - started).toBeLessThan(200);
    }
    await expect(scoreWithTimeout(new LocalScorer(), 'hello', 0)).resolves.toMatchObject({ status: 'ok' });
  });
});
