import { htmlToMarkdown } from './html-to-markdown';

describe('htmlToMarkdown', () => {
  it.each([
    ['plain WordPress text keeps its line breaks', 'first line\nsecond line\n\nnew paragraph', 'first line\nsecond line\n\nnew paragraph'],
    ['emphasis and strong', 'a <em>b</em> <strong>c</strong> <i>d</i> <b>e</b>', 'a *b* **c** *d* **e**'],
    ['a link with text', '<a href="https://x.example/a?b=1&amp;c=2" rel="nofollow">the map</a>', '[the map](https://x.example/a?b=1&c=2)'],
    ['a bare link', '<a href="https://x.example/">https://x.example/</a>', 'https://x.example/'],
    ['a javascript link loses its target', '<a href="javascript:alert(1)">click</a>', 'click'],
    ['scripts and styles disappear with their text', 'ok<script>alert(1)</script><style>p{}</style> fine', 'ok fine'],
    ['unknown tags keep their text only', '<span class="x">kept</span> <img src="https://x.example/i.png">', 'kept'],
    ['paragraphs and breaks', '<p>one</p>\n<p>two<br />\nthree</p>', 'one\n\ntwo\nthree'],
    ['a quote', '<blockquote>Marek says: where?</blockquote>\nHere.', '> Marek says: where?\n\nHere.'],
    ['entities decoded', '5 &lt; 7 &amp;&amp; 8 &gt; 2 &#8230; &#x1F642; &nbsp;x', '5 \\< 7 && 8 \\> 2 … 🙂 \u00a0x'],
    ['Markdown characters stay literal', '2*3*4 and _under_ and [brackets]', '2\\*3\\*4 and \\_under\\_ and \\[brackets\\]'],
    ['a typed list stays text', '1. one\n2. two\n- three', '1\\. one\n2\\. two\n\\- three'],
    ['code keeps its characters', 'use <code>a*b</code>', 'use `a*b`'],
  ])('%s', (_name, html, markdown) => {
    expect(htmlToMarkdown(html)).toBe(markdown);
  });
});
