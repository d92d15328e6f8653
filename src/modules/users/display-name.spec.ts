import { checkDisplayName, cleanDisplayName } from './display-name';

describe('display names', () => {
  it('cleans them as comment bodies are cleaned: no bidi overrides, zero-width or control characters, one space', () => {
    expect(cleanDisplayName('\u202Enimda')).toBe('nimda');
    expect(cleanDisplayName('  Lena\u200B K.\n\t ')).toBe('Lena K.');
    expect(cleanDisplayName('Le\u0000na')).toBe('Lena');
    expect(cleanDisplayName('Cafe\u0301')).toBe('Café');
  });

  it('keeps real names in any script, joiners where the script needs them, and emoji', () => {
    for (const name of ['Омар Х.', 'سارا', 'می‌خواهم', 'Ngozi 🇳🇬', '👩‍💻 Dev', 'Łukasz Ż.', 'Admiral Ackbar', 'Badminton fan']) {
      expect(checkDisplayName(name, 'READER')).toEqual({ ok: true, name: name.normalize('NFC') });
    }
  });

  it.each(['', '   ', '\u200B\u200B', '\u202E\u202C', '\u3164', '\u3164 \u115F', '\u2800\u2800', '\u00AD'])('refuses %j as blank', (name) => {
    expect(checkDisplayName(name, 'READER')).toMatchObject({ ok: false, code: 'DISPLAY_NAME_BLANK' });
  });

  it.each(['Admin', 'admin', 'ADMINISTRATOR', 'Adm1n', 'A d m i n', '\u0410dmin', 'Ad\u200Bmin', 'The Moderator', 'Parley', 'Parley Team', 'Fact-checker', 'Fact checker', 'Staff', 'Deleted user', 'Moderatorrr'])(
    'refuses %j for a reader, as imitating staff',
    (name) => {
      expect(checkDisplayName(name, 'READER')).toMatchObject({ ok: false, code: 'DISPLAY_NAME_RESERVED' });
    },
  );

  it('lets staff use them', () => {
    expect(checkDisplayName('Desk Admin', 'ADMIN')).toEqual({ ok: true, name: 'Desk Admin' });
    expect(checkDisplayName('Mo Moderator', 'MODERATOR')).toEqual({ ok: true, name: 'Mo Moderator' });
    expect(checkDisplayName('Fay, fact-checker', 'FACT_CHECKER')).toEqual({ ok: true, name: 'Fay, fact-checker' });
  });
});
