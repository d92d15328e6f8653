import { ApiError } from '../shared/api';

/** What to tell the person when a call failed: the server's own sentence, or why it is missing. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return 'Parley could not be reached. Check the connection and try again.';
    const fields = err.fields.map((f) => f.message).join(' ');
    return fields ? `${err.message} ${fields}` : err.message;
  }
  return 'Something went wrong. Try again.';
}

/** Short local date and time for lists. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 h", "2 d": how long ago, compact. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** SNAKE_CASE code → "Snake case", for codes the console has no words for. */
export function humanize(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
