import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

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

// CRLF, lone CR and the Unicode line/paragraph separators all mean "new line".
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

// C0 controls except TAB and LF, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

// Invisible characters that hide or reorder text (Trojan-Source style bidi overrides, zero-width
// spaces that split words past filters). U+061C, U+2060..U+2064 and U+206A..U+206F are the same
// kind of character as the listed ones (a bidi mark, word joiner/invisible operators, deprecated
// format controls), so they go too. ZWNJ/ZWJ are handled separately: they have legitimate uses.
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

const JOINER = /[\u200C\u200D]/g;
const ZWJ = 0x200d;

// What may precede a ZWJ inside an emoji ZWJ sequence (👩‍👩‍👧, 👨🏽‍💻, 🏳️‍🌈) and what may follow it.
const EMOJI_BEFORE_ZWJ = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const EMOJI_AFTER_ZWJ = /^\p{Extended_Pictographic}$/u;

// Scripts whose orthography uses ZWNJ/ZWJ (Persian "می‌خواهم", Devanagari half forms, Malayalam
// chillu): stripping the joiner there misspells the word. Script_Extensions also covers their
// combining marks and viramas.
const JOINING_SCRIPT =
  /^[\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Nko}\p{Script_Extensions=Mongolian}\p{Script_Extensions=Devanagari}\p{Script_Extensions=Bengali}\p{Script_Extensions=Gurmukhi}\p{Script_Extensions=Gujarati}\p{Script_Extensions=Oriya}\p{Script_Extensions=Tamil}\p{Script_Extensions=Telugu}\p{Script_Extensions=Kannada}\p{Script_Extensions=Malayalam}\p{Script_Extensions=Sinhala}\p{Script_Extensions=Myanmar}\p{Script_Extensions=Khmer}]$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

// Three or more blank (or whitespace-only) lines in a row.
const EXCESS_BLANK_LINES = /\n(?:[ \t]*\n){3,}/g;

/** The form a comment body is stored, measured and rendered in. */
export function normalizeBody(raw: string): string {
  return removeHiddenCharacters(raw.replace(LONE_SURROGATE, '\uFFFD'))
    .normalize('NFC')
    .replace(EXCESS_BLANK_LINES, '\n\n\n')
    .trim();
}

/** One kind of line break; no controls, no invisible characters, no stray joiners. */
export function removeHiddenCharacters(text: string): string {
  return stripStrayJoiners(text.replace(LINE_BREAK, '\n').replace(CONTROL, '').replace(INVISIBLE, ''));
}

/**
 * Removes ZWNJ/ZWJ except where they are part of the text: a ZWJ gluing an emoji sequence, or a
 * joiner next to a letter of a script that uses joiners. Elsewhere (inside Latin words, on their
 * own) they only serve to dodge word filters or make look-alike names.
 */
function stripStrayJoiners(text: string): string {
  return text.replace(JOINER, (joiner, offset: number) => {
    const before = charBefore(text, offset);
    const after = charAfter(text, offset + 1);
    const keep = joiner.charCodeAt(0) === ZWJ && isEmojiJoin(before, after);
    return keep || isScriptJoin(before) || isScriptJoin(after) ? joiner : '';
  });
}

function isEmojiJoin(before: string, after: string): boolean {
  return EMOJI_BEFORE_ZWJ.test(before) && EMOJI_AFTER_ZWJ.test(after);
}

function isScriptJoin(char: string): boolean {
  return LETTER_OR_MARK.test(char) && JOINING_SCRIPT.test(char);
}

/** The whole code point ending just before `index` ('' at the start). */
function charBefore(text: string, index: number): string {
  if (index === 0) return '';
  const low = text.charCodeAt(index - 1);
  const isPair = index >= 2 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(index - 2));
  return text.slice(isPair ? index - 2 : index - 1, index);
}

/** The whole code point starting at `index` ('' at the end). */
function charAfter(text: string, index: number): string {
  const point = text.codePointAt(index);
  return point === undefined ? '' : String.fromCodePoint(point);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
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
