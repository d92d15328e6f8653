/**
 * Interface text in several languages. A catalog maps message keys to text with `{name}`
 * placeholders, or to plural forms chosen by Intl.PluralRules (Arabic has six). Catalogs of other
 * languages must have every key of the English one (checked by the type system).
 */

export type Lang = 'en' | 'ar';
export const RTL_LANGS: ReadonlySet<Lang> = new Set(['ar']);

export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | Plural;
export type Catalog = Record<string, Message>;

/** The interface language for an element: its own lang, the nearest ancestor's, or the page's. */
export function langOf(el: Element): Lang {
  const own = el.getAttribute('lang') ?? el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? '';
  return own.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export class I18n<K extends string> {
  readonly dir: 'ltr' | 'rtl';
  private readonly plurals: Intl.PluralRules;
  private readonly relative: Intl.RelativeTimeFormat;
  private readonly absolute: Intl.DateTimeFormat;
  private readonly number: Intl.NumberFormat;

  constructor(
    readonly lang: Lang,
    private readonly catalog: Record<K, Message>,
  ) {
    this.dir = RTL_LANGS.has(lang) ? 'rtl' : 'ltr';
    this.plurals = new Intl.PluralRules(lang);
    this.relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    this.absolute = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });
    this.number = new Intl.NumberFormat(lang);
  }

  /**
   * Text for a code the server sends (a verdict, a reason), or the code itself when this
   * interface has no words for it yet: a newer server must not break an older embed.
   */
  code(prefix: string, code: string): string {
    const key = `${prefix}.${code}` as K;
    return this.catalog[key] === undefined ? code : this.t(key);
  }

  /** The message with `{name}` placeholders filled; `{count}` also picks the plural form. */
  t(key: K, vars: Record<string, string | number> = {}): string {
    const message = this.catalog[key];
    if (message === undefined) return key;
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const n = typeof vars.count === 'number' ? vars.count : 0;
      const form = this.plurals.select(n) as keyof Plural;
      text = (n === 0 ? message.zero : undefined) ?? message[form] ?? message.other;
    }
    return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = vars[name];
      if (value === undefined) return '';
      return typeof value === 'number' ? this.number.format(value) : value;
    });
  }

  /** "5 minutes ago", "yesterday", in the interface language. */
  ago(iso: string, now = Date.now()): string {
    const seconds = Math.round((Date.parse(iso) - now) / 1000);
    const abs = Math.abs(seconds);
    if (abs < 45) return this.relative.format(0, 'second');
    if (abs < 45 * 60) return this.relative.format(Math.round(seconds / 60), 'minute');
    if (abs < 22 * 3600) return this.relative.format(Math.round(seconds / 3600), 'hour');
    if (abs < 26 * 86400) return this.relative.format(Math.round(seconds / 86400), 'day');
    return this.date(iso);
  }

  date(iso: string): string {
    return this.absolute.format(new Date(iso));
  }
}
