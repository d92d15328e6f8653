import type { Me, SessionResponse } from './types';

/**
 * The reader's Parley session: a bearer token and who it belongs to, kept in the page's
 * localStorage under a key per Parley server so it survives reloads. Storage can be missing or
 * refuse writes (private modes, sandboxed frames): then the session lives as long as the page.
 * Listeners hear every change (sign-in, sign-out, expiry).
 */
export class Session extends EventTarget {
  private state: { token: string; user: Me; expiresAt: string } | null = null;

  constructor(private readonly storageKey: string) {
    super();
    const stored = readStorage(storageKey);
    if (stored && typeof stored.token === 'string' && Date.parse(stored.expiresAt) > Date.now()) this.state = stored;
  }

  get token(): string | null {
    return this.state?.token ?? null;
  }

  get user(): Me | null {
    return this.state?.user ?? null;
  }

  set(session: SessionResponse): void {
    this.state = { token: session.token, user: session.user, expiresAt: session.expiresAt };
    writeStorage(this.storageKey, this.state);
    this.dispatchEvent(new Event('change'));
  }

  updateUser(user: Me): void {
    if (!this.state) return;
    this.state = { ...this.state, user };
    writeStorage(this.storageKey, this.state);
    this.dispatchEvent(new Event('change'));
  }

  clear(): void {
    if (!this.state) return;
    this.state = null;
    writeStorage(this.storageKey, null);
    this.dispatchEvent(new Event('change'));
  }
}

function readStorage(key: string): { token: string; user: Me; expiresAt: string } | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { token: string; user: Me; expiresAt: string }) : null;
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // No storage: the session lasts as long as the page.
  }
}
