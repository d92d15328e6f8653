import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { removeHiddenCharacters } from '../../../common/text/hidden-characters';

/*
 * Comment bodies: a Markdown subset, normalized and rendered once on write. The renderer is the
 * first line of defence (markdown-it never emits raw HTML and only accepts allow-listed link
 * schemes); sanitize-html is the second, so a markdown-it bug or a future rule cannot add a
 * tag, an attribute or a scheme that the allow-list below does not name.
 */

// ---------------------------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------------------------

// A high surrogate without its low half, or a low half without its high one: PostgreSQL cannot
// store these, and the UTF-8 encoder would silently replace them anyway.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Three or more blank (or whitespace-only) lines in a row.
const EXCESS_BLANK_LINES = /\n(?:[ \t]*\n){3,}/g;

/** The form a comment body is stored, measured and rendered in. */
export function normalizeBody(raw: string): string {
  return removeHiddenCharacters(raw.replace(LONE_SURROGATE, '\uFFFD'))
    .normalize('NFC')
    .replace(EXCESS_BLANK_LINES, '\n\n\n')
    .trim();
}

/** Length in code points, so that 👍 counts as one character, as a reader would count it. */
export function bodyLength(normalized: string): number {
  let count = 0;
  for (const _char of normalized) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

// Absolute http(s) and mailto only: relative and protocol-relative links would resolve against
// whichever news site embeds the thread, and every other scheme is either executable or useless.
const ALLOWED_HREF = /^(?:https?:\/\/[^/?#\s]|mailto:[^\s])/i;

const LINK_REL = 'nofollow ugc noopener';
const LIST_START = /^\d{1,9}$/;

// Headings, rules and tables are page structure, not comment prose; images would load
// third-party content into the publisher's page. With their rules off the source shows as text.
const DISABLED_RULES = ['heading', 'lheading', 'hr', 'table', 'image', 'strikethrough', 'html_block', 'html_inline'];

const markdown = createMarkdown();

function createMarkdown(): MarkdownIt.MarkdownIt {
  // breaks: readers press Enter expecting a new line, not Markdown's "two spaces" convention.
  const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
  md.disable(DISABLED_RULES);
  // Bare text links only for explicit http(s) URLs: fuzzy matching turns "readme.md" or "v1.2.3.4"
  // into links, and bare e-mail addresses in public comments invite harvesting.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  for (const schema of ['ftp:', '//', 'mailto:']) md.linkify.add(schema, null);
  // Replaces markdown-it's deny-list (which lets through data:image/* and relative URLs).
  // A refused destination leaves the whole link source visible as text.
  md.validateLink = isAllowedHref;
  return md;
}

function isAllowedHref(url: string): boolean {
  return ALLOWED_HREF.test(url);
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre'],
  // rel is listed only so that the value set by secureLink survives; whatever came in is replaced.
  // ol keeps start because "1984. A novel" opens a list at 1984; dropping it would renumber it 1.
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: secureLink, ol: listStart },
};

/** Every link gets the fixed rel, and loses an href sanitize-html alone would let through (relative). */
function secureLink(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = attribs.href;
  const safe: sanitizeHtml.Attributes = href !== undefined && isAllowedHref(href) ? { href, rel: LINK_REL } : { rel: LINK_REL };
  return { tagName, attribs: safe };
}

/** An ordered list keeps its first number, and nothing else. */
function listStart(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const start = attribs.start;
  return { tagName, attribs: start !== undefined && LIST_START.test(start) ? { start } : {} };
}

/** HTML for a normalized comment body: the Markdown subset, sanitized against the allow-list. */
export function renderBody(normalized: string): string {
  // markdown-it decodes character references after normalization, so "&#x202E;" or "&#x200B;"
  // would bring back what normalizeBody removed; its output holds no references (it escapes only
  // & < > "), so cleaning it before sanitize-html catches them all. No NFC here: it would merge a
  // tag's ">" with a following U+0338 into "≯".
  const html = removeHiddenCharacters(markdown.render(normalized));
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}
