import sanitizeHtml from 'sanitize-html';

/*
 * Imported bodies are HTML (WordPress keeps a few inline tags and line breaks; Disqus sends
 * paragraphs). Parley stores Markdown and renders it itself, so an imported comment goes through
 * exactly what a new comment does: this turns the HTML into the Markdown subset first. Tags
 * outside the subset keep their text and lose the markup; text that Markdown would read as
 * markup is escaped, so "2*3*4" stays what the commenter wrote.
 */

const KEPT_TAGS = ['a', 'b', 'strong', 'i', 'em', 'code', 'pre', 'blockquote', 'p', 'br', 'div', 'ul', 'ol', 'li'];
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const MARKDOWN_SPECIALS = /([\\`*_[\]<>#|~])/g;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text between tags: entities decoded, Markdown's characters escaped, a line-leading "1." or "-" kept literal (WordPress showed it as typed). */
function escapeText(raw: string, inCode: boolean): string {
  const text = decodeEntities(raw);
  if (inCode) return text;
  return text
    .replace(MARKDOWN_SPECIALS, '\\$1')
    .replace(/(^|\n)([ \t]*)(\d{1,9})([.)])(?=\s)/g, '$1$2$3\\$4')
    .replace(/(^|\n)([ \t]*)([-+])(?=\s)/g, '$1$2\\$3');
}

interface Frame {
  tag: string;
  href?: string;
  start: number;
}

/** WordPress or Disqus comment HTML → Parley's Markdown source (not yet normalized). */
export function htmlToMarkdown(html: string): string {
  // sanitize-html leaves well-formed markup with only the kept tags and href, so the token loop
  // below never meets a stray "<" or an attribute it does not expect.
  const clean = sanitizeHtml(html.replace(/\r\n?/g, '\n'), {
    allowedTags: KEPT_TAGS,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    nonTextTags: ['style', 'script', 'textarea', 'noscript', 'title'],
  });
  // A line break written as <br> followed by a newline (as rendered HTML has it) is one break, not two.
  const tokens = clean.replace(/(<br\s*\/?>)\n/gi, '$1').match(/<[^>]*>|[^<]+/g) ?? [];
  const out: string[] = [];
  const open: Frame[] = [];
  let code = 0;
  for (const token of tokens) {
    if (token[0] !== '<') {
      out.push(escapeText(token, code > 0));
      continue;
    }
    const closing = token[1] === '/';
    const tag = /^<\/?([a-z0-9]+)/i.exec(token)?.[1]?.toLowerCase() ?? '';
    if (!closing) {
      const href = /href="([^"]*)"/.exec(token)?.[1];
      if (tag === 'code' || tag === 'pre') code++;
      open.push({ tag, href: href === undefined ? undefined : decodeEntities(href), start: out.length });
      out.push(opening(tag));
      if (tag === 'br') open.pop();
      continue;
    }
    const at = open.map((f) => f.tag).lastIndexOf(tag);
    if (at < 0) continue;
    const [frame] = open.splice(at, open.length - at);
    if (tag === 'code' || tag === 'pre') code = Math.max(0, code - 1);
    const inner = out.splice(frame.start + 1).join('');
    out.push(closingFor(frame, inner));
  }
  return out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function opening(tag: string): string {
  if (tag === 'br') return '\n';
  if (tag === 'p' || tag === 'div' || tag === 'ul' || tag === 'ol' || tag === 'blockquote' || tag === 'pre') return '\n\n';
  if (tag === 'li') return '\n';
  return '';
}

/** The Markdown of an element once its content is known. */
function closingFor(frame: Frame, inner: string): string {
  const body = inner.trim();
  switch (frame.tag) {
    case 'a':
      if (!frame.href) return inner;
      return body && body.replace(/\\/g, '') !== frame.href ? `[${body}](${frame.href.replace(/[()\s]/g, encodeURIComponent)})` : frame.href;
    case 'b':
    case 'strong':
      return body ? `**${body}**` : inner;
    case 'i':
    case 'em':
      return body ? `*${body}*` : inner;
    case 'code':
      return body ? `\`${body.replace(/`/g, '')}\`` : inner;
    case 'blockquote':
      return `${body.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n')}\n\n`;
    case 'li':
      return `- ${body}`;
    default:
      return `${inner}\n\n`;
  }
}
