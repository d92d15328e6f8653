import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DisqusReader } from './disqus-reader';
import { RecordParser, SourceComment, SourceRecord, SourceThread } from './source-records';
import { WxrReader } from './wxr-reader';

const FIXTURES = join(__dirname, '../../../../test/fixtures/import');

/** Feeds the text in pieces of `size` characters, as a stream would, and collects every record. */
function parseInPieces(parser: RecordParser, text: string, size: number): SourceRecord[] {
  const out: SourceRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.write(text.slice(i, i + size)));
  out.push(...parser.end());
  return out;
}

const comments = (records: SourceRecord[]) => records.filter((r): r is SourceComment => r.kind === 'comment');
const threads = (records: SourceRecord[]) => records.filter((r): r is SourceThread => r.kind === 'thread');

describe('WxrReader', () => {
  const text = readFileSync(join(FIXTURES, 'frontline-monitor.wxr.xml'), 'utf8');

  it.each([1, 7, 4096, text.length])('reads the same records whatever the chunk size (%i characters)', (size) => {
    const whole = parseInPieces(new WxrReader(), text, text.length);
    expect(parseInPieces(new WxrReader(), text, size)).toEqual(whole);
  });

  it('reads posts with comments as threads, and each comment with its parent, author, GMT date and state', () => {
    const records = parseInPieces(new WxrReader(), text, 1000);
    expect(threads(records).map((t) => [t.id, t.title.slice(0, 20), t.publishedAt?.toISOString()])).toEqual([
      ['101', 'Casualty figures fro', '2016-04-11T07:30:00.000Z'],
      ['102', 'Unconfirmed reports:', '2016-04-12T05:10:00.000Z'],
    ]);
    const byId = new Map(comments(records).map((c) => [c.id, c]));
    expect(byId.get('14')).toMatchObject({ threadId: '101', parentId: '11', authorName: 'Layla Haddad', authorEmail: 'layla.h@mail.example', state: 'approved' });
    expect(byId.get('14')?.createdAt?.toISOString()).toBe('2016-04-11T10:40:00.000Z');
    expect(byId.get('11')?.parentId).toBeNull();
    expect(['22', '23', '25', '26'].map((id) => byId.get(id)?.state)).toEqual(['pending', 'spam', 'pingback', 'trash']);
    // Metadata elements inside a comment (wp:commentmeta) are not mistaken for its fields.
    expect(byId.get('11')?.html).toContain('A difference of almost four to one');
  });

  it('moves item links to the given site address', () => {
    const records = parseInPieces(new WxrReader('https://news.example'), text, text.length);
    expect(threads(records)[1].link).toBe('https://news.example/2016/04/tal-hamid-unconfirmed/?utm_source=twitter#comments');
  });

  it('refuses a file that is not well-formed, naming where', () => {
    const broken = new WxrReader();
    expect(() => parseInPieces(broken, '<rss><channel><item><title>x</titel></item></channel></rss>', 10)).toThrow(/not well-formed XML/);
    expect(() => parseInPieces(new WxrReader(), '<rss><channel><item>', 100)).toThrow(/not well-formed XML: Unclosed root tag/);
  });
});

describe('DisqusReader', () => {
  const text = readFileSync(join(FIXTURES, 'frontline-monitor.disqus.xml'), 'utf8');

  it.each([3, 512, text.length])('reads threads and posts whatever the chunk size (%i characters)', (size) => {
    const records = parseInPieces(new DisqusReader(), text, size);
    expect(threads(records).map((t) => [t.id, t.link])).toEqual([
      ['7001', 'https://frontline-monitor.example/2017/02/mosul-bridge-strike/'],
      ['7002', 'https://Frontline-Monitor.example/2017/02/raqqa-dam/'],
    ]);
    const byId = new Map(comments(records).map((c) => [c.id, c]));
    expect(byId.get('9003')).toMatchObject({ threadId: '7001', parentId: '9001', authorUsername: 'samir_k', authorEmail: 'samir@mail.example', state: 'approved' });
    expect(byId.get('9001')?.parentId).toBeNull();
    expect(byId.get('9002')?.state).toBe('deleted');
    expect(byId.get('9005')?.state).toBe('spam');
    expect(byId.get('9011')).toMatchObject({ authorName: 'Noor', authorEmail: null, authorUsername: null });
  });
});
