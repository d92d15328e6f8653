import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../../helpers/app';
import { launchChromium } from './chromium';

/**
 * Everything a browser test needs: the real Parley (its own database, the built front end,
 * listening on a port) and a news site on another origin (another port) that serves host pages,
 * plus a Chromium. `close()` stops all of it and is safe to call after a failed start.
 */
export interface BrowserStack {
  t: TestApp;
  /** Parley's origin, e.g. http://127.0.0.1:41234 */
  api: string;
  /** The news site's origin (another port). */
  site: string;
  browser: Browser;
  /** Serve a page on the news site at `path` (with its own headers). */
  hostPage(path: string, page: HostPage): void;
  /** A fresh browser context (its own storage) and page that records problems. */
  newPage(options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } }): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface HostPage {
  html: string;
  headers?: Record<string, string>;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors, console errors and CSP violations seen so far. */
  problems: string[];
}

export async function startBrowserStack(env: Record<string, string> = {}): Promise<BrowserStack> {
  const pages = new Map<string, HostPage>();
  const host = createServer((req, res) => serveHost(pages, req, res));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const close = async () => {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await browser?.close().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await new Promise<void>((resolve) => {
      host.closeAllConnections();
      host.close(() => resolve());
    });
  };
  try {
    t = await startTestApp({ CORS_ORIGINS: site, ...env });
    await t.app.listen(0, '127.0.0.1');
    const api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    const started = browser;
    return {
      t,
      api,
      site,
      browser,
      hostPage: (path, page) => void pages.set(path, page),
      newPage: async (options = {}) => {
        const context = await started.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1000, height: 900 } });
        context.setDefaultTimeout(8000);
        contexts.push(context);
        return watch(context, await context.newPage());
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function serveHost(pages: Map<string, HostPage>, req: IncomingMessage, res: ServerResponse<IncomingMessage>): void {
  const path = (req.url ?? '/').split('?')[0];
  const page = pages.get(path);
  if (path === '/favicon.ico' || !page) {
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  const type = path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...page.headers }).end(page.html);
}

/** Records what should never happen on a page: uncaught errors, console errors, CSP violations. */
async function watch(context: BrowserContext, page: Page): Promise<WatchedPage> {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction('__parleyProblem', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __parleyProblem(t: string): void }).__parleyProblem(`csp: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return { page, context, problems };
}
