import { removeHiddenCharacters } from '../../common/text/hidden-characters';
import type { Role } from '../../generated/prisma/enums';
import { WordMatcher } from '../wordlists/matching/word-matcher';

/*
 * Display names are shown beside every comment, so they get the comment bodies' Unicode cleaning
 * (no bidi overrides, so "\u202Enimda" shows as what it is; no zero-width or control characters),
 * must show something, and must not pass for the site's own staff.
 */

/** Characters that render as nothing or as a blank although Unicode calls some of them letters (Hangul fillers, braille blank). */
const FILLERS = /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * Words that name the site's own people or the site itself. Matched as whole words after the word
 * lists' folding, so the usual disguises count too: "Adm1n", "A d m i n", a Cyrillic "Аdmin",
 * "MODERATORRR", "Fact checker". "Admiral" or "Badminton" are fine.
 */
export const STAFF_WORDS = ['admin', 'administrator', 'moderator', 'moderation', 'fact-checker', 'factchecker', 'parley', 'staff', 'deleted user'];
const staffWords = new WordMatcher(STAFF_WORDS.map((phrase, i) => ({ id: String(i), phrase, kind: 'BANNED' as const })));

/** The stored form of a name: the bodies' cleaning, fillers removed, every run of white space one space. */
export function cleanDisplayName(raw: string): string {
  return removeHiddenCharacters(raw.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(FILLERS, '')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

export type DisplayNameCheck = { ok: true; name: string } | { ok: false; code: 'DISPLAY_NAME_BLANK' | 'DISPLAY_NAME_RESERVED'; message: string };

/** Readers may not use staff words; moderators, fact-checkers and admins may ("Desk Admin"). */
export function checkDisplayName(raw: string, role: Role): DisplayNameCheck {
  const name = cleanDisplayName(raw);
  if (!VISIBLE.test(name)) {
    return { ok: false, code: 'DISPLAY_NAME_BLANK', message: 'displayName must contain visible letters, digits or symbols.' };
  }
  const imitated = role === 'READER' ? staffWords.match(name)[0] : undefined;
  if (imitated) {
    return { ok: false, code: 'DISPLAY_NAME_RESERVED', message: `displayName must not pass for the site's staff ("${imitated.phrase}" is reserved).` };
  }
  return { ok: true, name };
}
