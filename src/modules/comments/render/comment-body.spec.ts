import fc from 'fast-check';
import { XSS_VECTORS, assertNoExecutableMarkup, findExecutableMarkup } from '../../../../test/fixtures/xss-vectors';
import { bodyLength, normalizeBody, renderBody } from './comment-body';

const REL = 'rel="nofollow ugc noopener"';
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\r]/;
const render = (source: string) => renderBody(normalizeBody(source));

/** Tags and attributes in rendered output that the allow-list does not name. */
function outsideAllowList(html: string): string[] {
  const allowed: Record<string, string[]> = {
    p: [], br: [], em: [], strong: [], blockquote: [], ul: [], li: [], code: [], pre: [],
    a: ['href', 'rel'],
    ol: ['start'],
  };
  const found: string[] = [];
  for (const [, name, rest] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    if (!(name in allowed)) found.push(`<${name}>`);
    // sanitize-html double-quotes every value; blank the values so only names remain.
    for (const [, attribute] of rest.replace(/"[^"]*"/g, '').matchAll(/([^\s=/]+)=/g)) {
      if (!allowed[name]?.includes(attribute)) found.push(`${name}[${attribute}]`);
    }
  }
  return found;
}

describe('normalizeBody', () => {
  it.each([
    ['turns CRLF and lone CR into LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['turns Unicode line and paragraph separators into LF', 'a\u2028b\u2029c', 'a\nb\nc'],
    ['strips NUL, C0 and C1 controls but keeps tabs', 'a\u0000b\u0007c\u001Bd\u0085e\u009Ff\tg', 'abcdef\tg'],
    ['strips zero-width spaces and the byte order mark', '\uFEFFzero\u200Bwidth', 'zerowidth'],
    ['strips bidi overrides, embeddings and isolates', 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j', 'abcdefghij'],
    ['strips left-to-right and right-to-left marks', 'a\u200Eb\u200Fc', 'abc'],
    ['strips the word joiner and the Arabic letter mark', 'a\u2060b\u061Cc', 'abc'],
    ['composes to NFC', 'Cafe\u0301', 'Caf\u00E9'],
    ['keeps combining marks that have no precomposed form', 'q\u0307 \u0928\u093F', 'q\u0307 \u0928\u093F'],
    ['keeps Cyrillic', 'Привет, мир', 'Привет, мир'],
    ['keeps Arabic', 'مرحبا بالعالم', 'مرحبا بالعالم'],
    ['keeps the ZWNJ inside a Persian word', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['keeps the ZWJ of a Devanagari half form', 'क्\u200Dष', 'क्\u200Dष'],
    ['keeps a family emoji ZWJ sequence', '👩\u200D👩\u200D👧', '👩\u200D👩\u200D👧'],
    ['keeps a ZWJ sequence after a skin-tone modifier', '👨🏽\u200D💻', '👨🏽\u200D💻'],
    ['keeps a ZWJ sequence after a variation selector', '🏳\uFE0F\u200D🌈 ❤\uFE0F\u200D🔥', '🏳\uFE0F\u200D🌈 ❤\uFE0F\u200D🔥'],
    ['keeps flag tag sequences', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
    ['strips a ZWJ between Latin letters', 'ad\u200Dmin', 'admin'],
    ['strips a ZWNJ between Latin letters', 'pay\u200Cpal', 'paypal'],
    ['strips a ZWJ that joins an emoji to a letter', 'x\u200D👩 👩\u200Dx', 'x👩 👩x'],
    ['strips a ZWJ dangling after an emoji', '👍\u200D', '👍'],
    ['replaces lone surrogates with U+FFFD', 'a\uD800b\uDC00', 'a\uFFFDb\uFFFD'],
    ['collapses three or more blank lines to two', 'a\n\n\n\n\nb', 'a\n\n\nb'],
    ['counts whitespace-only lines as blank', 'a\n \n\t\n  \n\nb', 'a\n\n\nb'],
    ['leaves one or two blank lines alone', 'a\n\nb\n\n\nc', 'a\n\nb\n\n\nc'],
    ['trims surrounding whitespace', ' \n\t hello \n\n', 'hello'],
    ['leaves nothing of a body made only of invisible characters', '\u200B\u202E\uFEFF \n\u0000', ''],
  ])('%s', (_behaviour, raw, expected) => {
    expect(normalizeBody(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const once = normalizeBody(raw);
        expect(normalizeBody(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves controls, bidi overrides or zero-width spaces behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        expect(normalizeBody(raw)).not.toMatch(HIDDEN);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bodyLength', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['👍', 1],
    ['a👍b', 3],
    ['𝕏', 1],
    ['Привет', 6],
    ['Caf\u00E9', 4],
    ['👩\u200D👩\u200D👧', 5],
  ])('counts %j as %i code points', (text, expected) => {
    expect(bodyLength(text)).toBe(expected);
  });

  it('counts 10,000 emoji as 10,000 although they take 20,000 UTF-16 units', () => {
    const body = '👍'.repeat(10_000);
    expect(body.length).toBe(20_000);
    expect(bodyLength(body)).toBe(10_000);
  });
});

describe('renderBody', () => {
  it.each([
    ['renders a paragraph', 'Hello, world', '<p>Hello, world</p>'],
    ['separates paragraphs on a blank line', 'one\n\ntwo', '<p>one</p>\n<p>two</p>'],
    ['turns a single newline into a line break', 'one\ntwo', '<p>one<br />\ntwo</p>'],
    ['renders emphasis', '*one* and _two_', '<p><em>one</em> and <em>two</em></p>'],
    ['renders strong emphasis', '**one** and __two__', '<p><strong>one</strong> and <strong>two</strong></p>'],
    ['renders nested emphasis', '***both***', '<p><em><strong>both</strong></em></p>'],
    ['renders a blockquote', '> quoted\n\nreply', '<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>reply</p>'],
    ['renders an unordered list', '- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
    ['renders an ordered list', '1. a\n2. b', '<ol>\n<li>a</li>\n<li>b</li>\n</ol>'],
    ['keeps the first number of an ordered list', '1984. A novel', '<ol start="1984">\n<li>A novel</li>\n</ol>'],
    ['renders nested lists', '- a\n  - b', '<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>'],
    ['renders inline code, escaped', 'use `a < b`', '<p>use <code>a &lt; b</code></p>'],
    ['renders a fenced code block without a language class', '```js\nif (a < b) {}\n```', '<pre><code>if (a &lt; b) {}\n</code></pre>'],
    ['renders an indented code block', 'code:\n\n    x = 1', '<p>code:</p>\n<pre><code>x = 1\n</code></pre>'],
    ['shows a heading as plain text', '# Breaking news', '<p># Breaking news</p>'],
    ['shows a setext heading as plain text', 'Title\n=====', '<p>Title<br />\n=====</p>'],
    ['shows a horizontal rule as plain text', '---', '<p>---</p>'],
    ['shows a table as plain text', 'a | b\n--|--\n1 | 2', '<p>a | b<br />\n--|--<br />\n1 | 2</p>'],
    ['shows strikethrough as plain text', '~~gone~~', '<p>~~gone~~</p>'],
    ['leaves quotes and dashes alone (no typographer)', '"quoted" -- (c)', '<p>"quoted" -- (c)</p>'],
    ['shows an image as a link to it, never as an image', '![chart](https://example.com/c.png)', `<p>!<a href="https://example.com/c.png" ${REL}>chart</a></p>`],
    ['escapes an inline HTML tag', '<b>bold</b>', '<p>&lt;b&gt;bold&lt;/b&gt;</p>'],
    ['escapes a script tag', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['escapes an HTML block', '<div>\nblock\n</div>', '<p>&lt;div&gt;<br />\nblock<br />\n&lt;/div&gt;</p>'],
    ['escapes an HTML comment', '<!-- hidden -->', '<p>&lt;!-- hidden --&gt;</p>'],
    ['shows an entity-encoded tag as the tag text', '&lt;b&gt; &amp; &copy;', '<p>&lt;b&gt; &amp; ©</p>'],
    ['escapes raw HTML inside code', '`<img src=x>`', '<p><code>&lt;img src=x&gt;</code></p>'],
    ['drops hidden characters written as character references', 'a&#x202E;b&#x200B;c&#xFEFF;d&#x2066;e&#x0C;f', '<p>abcdef</p>'],
    ['keeps an emoji ZWJ written as a character reference', '👩&#x200D;👩 a&#x200D;b', '<p>👩\u200D👩 ab</p>'],
  ])('%s', (_behaviour, source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('never lets hidden characters back in through character references', () => {
    const reference = fc.integer({ min: 0, max: 0x10ffff }).map((point) => `&#x${point.toString(16)};`);
    const piece = fc.oneof(reference, fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom('`', '[', '](', ')', '\n'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        expect(render(pieces.join(''))).not.toMatch(HIDDEN);
      }),
      { numRuns: 500 },
    );
  });

  it('renders nothing for an empty body', () => {
    expect(render('')).toBe('');
  });
});

describe('renderBody links', () => {
  it.each([
    ['renders an inline link', '[site](https://example.com/a?b=1&c=2)', `<p><a href="https://example.com/a?b=1&amp;c=2" ${REL}>site</a></p>`],
    ['drops a link title', '[site](https://example.com "Title")', `<p><a href="https://example.com" ${REL}>site</a></p>`],
    ['renders a mailto link', '[mail](mailto:desk@example.com)', `<p><a href="mailto:desk@example.com" ${REL}>mail</a></p>`],
    ['renders a reference link', '[site][1]\n\n[1]: http://example.com', `<p><a href="http://example.com" ${REL}>site</a></p>`],
    ['renders an angle-bracket autolink', '<https://example.com>', `<p><a href="https://example.com" ${REL}>https://example.com</a></p>`],
    ['links a bare URL, leaving trailing punctuation out', 'see https://example.com/path. ok', `<p>see <a href="https://example.com/path" ${REL}>https://example.com/path</a>. ok</p>`],
    ['links a bare http URL', 'http://example.com', `<p><a href="http://example.com" ${REL}>http://example.com</a></p>`],
    ['percent-encodes a link and punycodes its host', 'https://пример.рф/путь', `<p><a href="https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C" ${REL}>https://пример.рф/путь</a></p>`],
    ['does not link a bare domain', 'www.example.com and example.com', '<p>www.example.com and example.com</p>'],
    ['does not link a bare e-mail address', 'desk@example.com or mailto:desk@example.com', '<p>desk@example.com or mailto:desk@example.com</p>'],
    ['does not link a bare ftp URL', 'ftp://example.com', '<p>ftp://example.com</p>'],
    ['does not link a URL inside a code span', '`https://example.com`', '<p><code>https://example.com</code></p>'],
    ['does not link a URL inside a code block', '```\nhttps://example.com\n```', '<pre><code>https://example.com\n</code></pre>'],
    ['shows a relative link as text', '[x](/account/delete)', '<p>[x](/account/delete)</p>'],
    ['shows a protocol-relative link as text', '[x](//evil.example)', '<p>[x](//evil.example)</p>'],
    ['shows an ftp link as text', '[x](ftp://example.com)', '<p>[x](ftp://example.com)</p>'],
    ['shows a data:image link as text', '[x](data:image/png;base64,AAAA)', '<p>[x](data:image/png;base64,AAAA)</p>'],
    ['shows a javascript: link as text', '[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['shows a javascript: autolink as text', '<javascript:alert(1)>', '<p>&lt;javascript:alert(1)&gt;</p>'],
    ['shows a javascript: reference definition as text', '[x][1]\n\n[1]: javascript:alert(1)', '<p>[x][1]</p>\n<p>[1]: javascript:alert(1)</p>'],
  ])('%s', (_behaviour, source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('gives every link exactly rel="nofollow ugc noopener" and no target', () => {
    const html = render('[a](https://a.example) <https://b.example> https://c.example [d](mailto:d@example.com)');
    const anchors = [...html.matchAll(/<a [^>]*>/g)].map(([tag]) => tag);
    expect(anchors).toHaveLength(4);
    for (const anchor of anchors) {
      expect(anchor).toMatch(/^<a href="[^"]+" rel="nofollow ugc noopener">$/);
    }
  });
});

describe('XSS resistance', () => {
  it('has a corpus of at least 60 distinct vectors', () => {
    expect(new Set(XSS_VECTORS).size).toBe(XSS_VECTORS.length);
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(60);
  });

  it('no XSS vector produces executable markup', () => {
    const failures = XSS_VECTORS.map((vector) => ({ vector, html: render(vector) }))
      .map(({ vector, html }) => ({ vector, html, problem: findExecutableMarkup(html) }))
      .filter(({ problem }) => problem !== null);
    expect(failures).toEqual([]);
  });

  it('no XSS vector produces a tag or attribute outside the allow-list', () => {
    const failures = XSS_VECTORS.map((vector) => ({ vector, found: outsideAllowList(render(vector)) })).filter(
      ({ found }) => found.length > 0,
    );
    expect(failures).toEqual([]);
  });

  it('no mix of vector fragments and Markdown syntax produces executable markup', () => {
    const fragment = fc.oneof(
      fc.constantFrom(...XSS_VECTORS),
      fc.constantFrom('[', ']', '(', ')', '<', '>', '"', "'", '`', '*', '_', '!', '\n', '\n\n', '> ', '- ', '1. ', '    ', ':', '&#'),
      fc.constantFrom('javascript:', 'https://example.com', 'mailto:', 'data:', 'onerror=', '&colon;', '\\'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const html = render(parts.join(''));
        assertNoExecutableMarkup(html);
        expect(outsideAllowList(html)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a long run of brackets', '['.repeat(10_000)],
    ['alternating emphasis markers', '*a'.repeat(5_000)],
    ['deeply nested quotes', '> '.repeat(5_000)],
    ['unclosed link destinations', '[a]('.repeat(2_500)],
    ['a long run of backticks', '`'.repeat(10_000)],
    ['deeply nested list markers', '- '.repeat(5_000)],
  ])('renders a 10,000-character body of %s to safe HTML (its CPU cost is in bench/input-costs.mjs)', (_shape, body) => {
    const html = render(body);
    expect(html.length).toBeGreaterThan(0);
    assertNoExecutableMarkup(html);
  });
});

describe('findExecutableMarkup', () => {
  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<SCRIPT SRC=//evil.example/x.js>', 'script'],
    ['<scr<script>ipt>', 'script'],
    ['<svg:script>alert(1)</svg:script>', 'script'],
    ['<p>ok</p><img src=x onerror=alert(1)>', 'img'],
    ['<p onclick="alert(1)">x</p>', 'onclick'],
    ['<p/onmouseover=alert(1)>x</p>', 'onmouseover'],
    ['<p title="x"onfocus="alert(1)">x</p>', 'onfocus'],
    ['<a href="javascript:alert(1)">x</a>', 'javascript'],
    ['<a href=JaVaScRiPt:alert(1)>x</a>', 'javascript'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'javascript'],
    ['<a href="&#x6A&#x61vascript&#58alert(1)">x</a>', 'javascript'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'javascript'],
    ['<a href=" &#14; java\tscript:alert(1)">x</a>', 'javascript'],
    ['<a href="javascript&colon;alert(1)">x</a>', 'javascript'],
    ['<a href="javas&Tab;cript&NewLine;:alert(1)">x</a>', 'javascript'],
    ['<a href="&amp;#106;avascript:alert(1)">x</a>', 'javascript'],
    ['<a href="java\u0000script:alert(1)">x</a>', 'javascript'],
    ['<a href="\u200Bjavascript:alert(1)">x</a>', 'javascript'],
    ['<a href="java%0Ascript:alert(1)">x</a>', 'javascript'],
    ['<a href="vbscript:msgbox(1)">x</a>', 'vbscript'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 'data'],
    ['<a xlink:href="javascript:alert(1)">x</a>', 'javascript'],
    ['<a href="\\u006aavascript:alert(1)">x</a>', 'u006aavascript'],
    ['<video poster="javascript:alert(1)">', 'javascript'],
    ['<source srcset="https://ok.example/a.png 1x, javascript:alert(1) 2x">', 'javascript'],
    ['<div style="width: expression(alert(1))">x</div>', 'style'],
    ['<div style="xss:expr/*x*/ession(alert(1))">x</div>', 'style'],
    ['<div style="background:url(&#106;avascript:alert(1))">x</div>', 'style'],
    ['<p srcdoc="x">', 'srcdoc'],
    ['<iframe src="https://ok.example">', 'iframe'],
    ['<object data="x">', 'object'],
    ['<embed src="x">', 'embed'],
    ['<svg><g></g></svg>', 'svg'],
    ['<math></math>', 'math'],
    ['<style>p{}</style>', 'style'],
    ['<form>', 'form'],
    ['<input value="x">', 'input'],
    ['<base href="https://ok.example">', 'base'],
    ['<meta charset="utf-8">', 'meta'],
    ['<link rel="stylesheet" href="x.css">', 'link'],
    ['<!-- <img src=x onerror=alert(1)> -->', 'img'],
    ['<p title="<img src=x onerror=alert(1)>">x</p>', 'img'],
  ])('flags %s', (html, named) => {
    expect(findExecutableMarkup(html)).toContain(named);
    expect(() => assertNoExecutableMarkup(html)).toThrow(/Executable markup/);
  });

  it.each([
    '',
    'plain text with javascript:alert(1) and onerror=alert(1) in it',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
    `<p><a href="https://example.com/a?b=1&amp;c=2" ${REL}>x</a></p>`,
    `<a href="HTTP://EXAMPLE.COM" ${REL}>x</a>`,
    '<a href="mailto:desk@example.com">x</a>',
    '<a href="/relative/path">x</a>',
    '<p>one<br />\ntwo</p><blockquote><ul><li><code>a</code></li></ul></blockquote>',
    '<ol start="3"><li>x</li></ol>',
    '<p title="open">x</p>',
  ])('does not flag harmless HTML %j', (html) => {
    expect(findExecutableMarkup(html)).toBeNull();
    expect(() => assertNoExecutableMarkup(html)).not.toThrow();
  });
});
