import { ar } from '../embed/messages-ar';
import { en, MessageKey } from '../embed/messages-en';
import { I18n } from './i18n';

describe('I18n', () => {
  it('picks English plural forms, with a zero form where the catalog has one', () => {
    const i = new I18n<MessageKey>('en', en);
    expect([0, 1, 2, 14].map((count) => i.t('heading', { count }))).toEqual(['Comments', '1 Comment', '2 Comments', '14 Comments']);
  });

  it('picks all six Arabic plural forms', () => {
    const i = new I18n<MessageKey>('ar', ar);
    const n = (x: number) => new Intl.NumberFormat('ar').format(x); // the digits are the locale's
    expect([0, 1, 2, 3, 11, 100].map((count) => i.t('heading', { count }))).toEqual([
      'التعليقات',
      'تعليق واحد',
      'تعليقان',
      `${n(3)} تعليقات`,
      `${n(11)} تعليقًا`,
      `${n(100)} تعليق`,
    ]);
    expect(i.dir).toBe('rtl');
  });

  it('shows a server code it has no words for as the code itself', () => {
    const i = new I18n<MessageKey>('en', en);
    expect(i.code('verdict', 'FALSE')).toBe('False');
    expect(i.code('verdict', 'SATIRE')).toBe('SATIRE');
  });

  it('fills placeholders as text', () => {
    expect(new I18n<MessageKey>('en', en).t('replyTo', { name: '<b>Omar</b>' })).toBe('Your reply to <b>Omar</b>');
  });
});
