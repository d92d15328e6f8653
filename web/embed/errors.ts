import { ApiError } from '../shared/api';
import type { I18n } from '../shared/i18n';
import type { MessageKey } from './messages-en';

/**
 * What to tell the reader when a call fails. The server's problem `detail` is written for people
 * (in English); network trouble, rate limits and expired sessions get the interface's own words.
 * Field errors are joined, so "password is too short" reaches the reader.
 */
export function errorText(i18n: I18n<MessageKey>, err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('error.GENERIC', { detail: String(err) });
  if (err.code === 'NETWORK') return i18n.t('error.NETWORK');
  if (err.status === 429) return i18n.t('error.RATE_LIMITED');
  if (err.code === 'INVALID_SESSION') return i18n.t('error.SESSION');
  const detail = err.fields.length > 0 ? err.fields.map((f) => f.message).join('; ') : err.message;
  return i18n.t('error.GENERIC', { detail });
}
