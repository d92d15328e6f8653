import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_DIR } from '../database/paths';

/** Where `npm run build` puts the front end. */
export const WEB_DIR = join(ROOT_DIR, 'dist', 'web');

/**
 * The built front-end files (web/build.mjs writes them to dist/web), read once at start and served
 * from memory: a handful of small files, so every request is a map lookup with a precomputed ETag
 * and gzip body. `embed.js` keeps a stable name (newsrooms paste its URL once), everything under
 * assets/ carries a content hash in its name and may be cached for good.
 */

export interface WebAsset {
  /** URL path, e.g. `/embed.js` or `/assets/demo-3F2A9C1B.css`. */
  path: string;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** Hashed names never change content: cache for a year. Stable names revalidate. */
  immutable: boolean;
}

export interface WebAssets {
  /** Whether `npm run build` (or the test setup) produced the front end. */
  readonly built: boolean;
  get(path: string): WebAsset | undefined;
  /** URL path of a logical asset name from the build manifest (`demo.css` → `/assets/demo-….css`). */
  url(name: string): string | undefined;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// Worth compressing: text. Images and fonts are compressed already.
const COMPRESSIBLE = new Set(['.js', '.css', '.map', '.svg']);

export function loadWebAssets(dir: string): WebAssets {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return { built: false, get: () => undefined, url: () => undefined };
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
  const files = new Map<string, WebAsset>();
  for (const file of listFiles(dir)) {
    const ext = extname(file);
    const type = TYPES[ext];
    if (!type) continue;
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    const body = readFileSync(file);
    files.set(path, {
      path,
      type,
      body,
      gzip: COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : null,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: path.startsWith('/assets/'),
    });
  }
  return {
    built: true,
    get: (path) => files.get(path),
    url: (name) => (manifest[name] ? `/${manifest[name]}` : undefined),
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}
