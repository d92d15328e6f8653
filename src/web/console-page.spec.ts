import type { Request } from 'express';
import { consolePage } from './console-page';
import type { WebAssets } from './web-assets';

const req = {} as Request;

function assets(manifest: Record<string, string>): WebAssets {
  const built = Object.keys(manifest).length > 0;
  return { built, get: () => undefined, url: (name) => (manifest[name] ? `/${manifest[name]}` : undefined) };
}

describe('the console page', () => {
  it('loads the built script and style by their hashed names and holds only the console element', async () => {
    const html = await consolePage(assets({ 'console.js': 'assets/console-AB12.js', 'console-page.css': 'assets/console-page-CD34.css' }))(req);
    expect(html).toContain('<script defer src="/assets/console-AB12.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/console-page-CD34.css">');
    expect(html).toContain('<parley-console></parley-console>');
    expect(html).not.toMatch(/<script>|<style>| style=| on[a-z]+=/i);
  });

  it('says how to build the console when the front end was not built, and loads no script', async () => {
    const html = await consolePage(assets({}))(req);
    expect(html).toContain('The console is not built');
    expect(html).toContain('npm run build');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<parley-console');
  });
});
