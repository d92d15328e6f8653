import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export type ContentCoding = 'br' | 'gzip';

/**
 * Brotli at quality 4: a 70 KB thread page in ~0.3 ms to 8% of its size, where brotli's default
 * (11) takes ~100 ms for 7%. Gzip at zlib's default 6: level 5 measured no cheaper and 8% larger
 * (bench/README.md, "A breaking story").
 */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

/**
 * One serialized 200 response: the body, its strong ETag, the articles it shows (for
 * invalidation) and its compressed copies, each made at most once. The ETag of a compressed
 * copy carries the coding as a suffix: a strong validator names exact bytes, and a cache in
 * front must not hand gzip bytes to a client that revalidates an identity copy.
 */
export class CachedResponse {
  readonly etag: string;
  /** The micro-cache key while the entry is stored there (the cache keeps it). */
  key: string | null = null;
  private readonly copies = new Map<ContentCoding, Buffer>();

  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly tags: readonly string[],
  ) {
    this.etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  }

  get bytes(): number {
    let total = this.body.length;
    for (const copy of this.copies.values()) total += copy.length;
    return total;
  }

  /** The quoted ETag of the bytes sent with this coding (null: identity). */
  etagFor(coding: ContentCoding | null): string {
    return coding === null ? `"${this.etag}"` : `"${this.etag}-${coding}"`;
  }

  /** True when If-None-Match names any representation of this body (or `*`). */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    return ifNoneMatch.split(',').some((raw) => {
      const tag = raw.trim().replace(/^W\//, '');
      return tag === '*' || tag === `"${this.etag}"` || tag === `"${this.etag}-br"` || tag === `"${this.etag}-gzip"`;
    });
  }

  /** The body in a coding, compressed on first use; `added` is the bytes the copy takes when it was just made. */
  encoded(coding: ContentCoding): { body: Buffer; added: number } {
    const known = this.copies.get(coding);
    if (known) return { body: known, added: 0 };
    const copy = compress(this.body, coding);
    this.copies.set(coding, copy);
    return { body: copy, added: copy.length };
  }
}

export function compress(body: Buffer, coding: ContentCoding): Buffer {
  if (coding === 'gzip') return gzipSync(body, { level: GZIP_LEVEL });
  return brotliCompressSync(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
