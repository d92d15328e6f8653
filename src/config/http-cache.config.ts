import { EnvReader } from './env-reader';

/**
 * Read by the http-cache module: what anonymous public reads (thread pages, articles, comment
 * counts) tell caches in front, the in-process micro-cache, and response compression.
 */
export interface HttpCacheSettings {
  /** `max-age` of anonymous public reads: how long a CDN or browser may reuse one without asking. */
  readonly publicMaxAgeSeconds: number;
  /** `stale-while-revalidate`: how long past max-age a cache may still serve it while it fetches a fresh one. */
  readonly publicStaleWhileRevalidateSeconds: number;
  /** How long this instance reuses a built anonymous page (0: no micro-cache); events of the article end it sooner. */
  readonly microCacheTtlMs: number;
  /** Entries the micro-cache holds at most (least recently used go first). */
  readonly microCacheMaxEntries: number;
  /** Bytes the micro-cache holds at most, bodies and their compressed copies together. */
  readonly microCacheMaxBytes: number;
  /** Gzip or brotli for the responses of these routes when the client accepts it. */
  readonly compression: boolean;
  /** Smaller bodies go out uncompressed (the saving would not pay for the CPU). */
  readonly compressionMinBytes: number;
}

export function readHttpCacheSettings(r: EnvReader): HttpCacheSettings {
  return {
    publicMaxAgeSeconds: r.int('PUBLIC_CACHE_MAX_AGE_SECONDS', 5, 0, 86_400),
    publicStaleWhileRevalidateSeconds: r.int('PUBLIC_CACHE_STALE_SECONDS', 30, 0, 86_400),
    microCacheTtlMs: r.int('MICRO_CACHE_TTL_MS', 1000, 0, 600_000),
    microCacheMaxEntries: r.int('MICRO_CACHE_MAX_ENTRIES', 2000, 1, 1_000_000),
    microCacheMaxBytes: r.bytes('MICRO_CACHE_MAX_BYTES', 64 * 1024 * 1024),
    compression: r.bool('HTTP_COMPRESSION', true),
    compressionMinBytes: r.bytes('HTTP_COMPRESSION_MIN_BYTES', 1024),
  };
}
