/*
 * Characters that hide or reorder text, removed from everything readers write and others read
 * (comment bodies, display names): controls, bidi overrides, zero-width characters, stray
 * joiners. Line breaks become one kind.
 */

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
