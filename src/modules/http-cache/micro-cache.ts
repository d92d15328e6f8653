import type { CachedResponse } from './cached-response';

/** The tag of an entry whose article is not known: any invalidation ends it. */
export const ANY_ARTICLE = '*';

/** Past this many remembered invalidations, builds in flight are all treated as overtaken. */
const MAX_REMEMBERED_INVALIDATIONS = 10_000;

interface Slot {
  response: CachedResponse;
  expiresAt: number;
}

export interface MicroCacheLimits {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
}

/**
 * This instance's short-lived copies of anonymous responses, keyed by normalized URL and tagged
 * with the articles they show. Bounded by entries and bytes, least recently used first out.
 * Concurrent misses for one key share one build (`pending`/`fill`). An invalidation ends the
 * entries of its articles, and a build that started before it is not stored when it finishes
 * (it may have read the old rows). The clock is handed in, so tests need no timers.
 */
export class MicroCache {
  /** Insertion order is recency order: a hit moves its key to the end. */
  private readonly slots = new Map<string, Slot>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly building = new Map<string, Promise<CachedResponse | null>>();
  /** Bumped by every invalidation; a build remembers the value it started at. */
  private sequence = 0;
  /** The sequence of each tag's last invalidation, kept while builds are in flight. */
  private readonly invalidatedAt = new Map<string, number>();
  private everythingInvalidatedAt = 0;
  private totalBytes = 0;

  private firstFill: (() => void) | null = null;

  constructor(
    private readonly limits: MicroCacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.limits.ttlMs > 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.slots.size, bytes: this.totalBytes };
  }

  /** A fresh entry, or undefined (an expired one is dropped). */
  get(key: string): CachedResponse | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.response;
  }

  /** Runs once, when the first build is registered (the invalidator starts then). */
  onFirstFill(listener: () => void): void {
    this.firstFill = listener;
  }

  /** The build in flight for a key, if any: wait for it instead of building again. */
  pending(key: string): Promise<CachedResponse | null> | undefined {
    return this.building.get(key);
  }

  /**
   * Registers the build of a key (its result: null when the response is not storable) and stores
   * the result unless an invalidation of its articles came while it was being built.
   */
  fill(key: string, build: Promise<CachedResponse | null>): Promise<CachedResponse | null> {
    const startedAt = this.sequence;
    const first = this.firstFill;
    this.firstFill = null;
    first?.();
    const shared = build.then(
      (response) => {
        this.building.delete(key);
        if (response && !this.overtaken(response.tags, startedAt)) this.store(key, response);
        this.forgetInvalidationsWhenIdle();
        return response;
      },
      () => {
        this.building.delete(key);
        this.forgetInvalidationsWhenIdle();
        return null;
      },
    );
    this.building.set(key, shared);
    return shared;
  }

  /** Ends the entries that show any of these articles (and those whose article is unknown). */
  invalidate(articleIds: Iterable<string>): void {
    this.sequence++;
    for (const id of articleIds) {
      this.dropTag(id);
      if (this.building.size > 0) this.invalidatedAt.set(id, this.sequence);
    }
    this.dropTag(ANY_ARTICLE);
    if (this.invalidatedAt.size > MAX_REMEMBERED_INVALIDATIONS) {
      this.invalidatedAt.clear();
      this.everythingInvalidatedAt = this.sequence;
    }
  }

  /** Ends every entry (an event about no article in particular). */
  invalidateAll(): void {
    this.sequence++;
    this.everythingInvalidatedAt = this.sequence;
    for (const key of [...this.slots.keys()]) this.remove(key);
  }

  /** Counts bytes added to an entry after it was stored (a compressed copy), evicting if needed. */
  grew(response: CachedResponse, bytes: number): void {
    const slot = response.key === null ? undefined : this.slots.get(response.key);
    if (!slot || slot.response !== response) return;
    this.totalBytes += bytes;
    this.evictOverflow(response.key as string);
  }

  private store(key: string, response: CachedResponse): void {
    if (response.bytes > this.limits.maxBytes) return;
    this.remove(key);
    response.key = key;
    this.slots.set(key, { response, expiresAt: this.now() + this.limits.ttlMs });
    this.totalBytes += response.bytes;
    for (const tag of response.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.evictOverflow(key);
  }

  /** Oldest first until both limits hold, never the entry just stored or grown unless it alone is too big. */
  private evictOverflow(keep: string): void {
    for (const key of this.slots.keys()) {
      if (this.slots.size <= this.limits.maxEntries && this.totalBytes <= this.limits.maxBytes) return;
      if (key !== keep) this.remove(key);
    }
    if (this.totalBytes > this.limits.maxBytes) this.remove(keep);
  }

  private remove(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.totalBytes -= slot.response.bytes;
    slot.response.key = null;
    for (const tag of slot.response.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  private dropTag(tag: string): void {
    const keys = this.byTag.get(tag);
    if (keys) for (const key of [...keys]) this.remove(key);
  }

  private overtaken(tags: readonly string[], startedAt: number): boolean {
    if (this.everythingInvalidatedAt > startedAt) return true;
    if (tags.includes(ANY_ARTICLE)) return this.sequence > startedAt;
    return tags.some((tag) => (this.invalidatedAt.get(tag) ?? 0) > startedAt);
  }

  private forgetInvalidationsWhenIdle(): void {
    if (this.building.size === 0) this.invalidatedAt.clear();
  }
}
