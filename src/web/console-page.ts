import { escapeHtml } from './demo-page';
import type { WebAssets } from './web-assets';
import type { PageRenderer } from './web-routes';

/**
 * `/console`: the page for moderators, fact-checkers and admins. A shell that loads the console's
 * script and style (content-hashed assets) and holds one element; everything else is rendered in
 * the browser from the public API. No inline script or style, so the page policy holds.
 */
export function consolePage(assets: WebAssets): PageRenderer {
  return () => {
    const script = assets.url('console.js');
    const css = assets.url('console-page.css');
    const main = script
      ? `<parley-console></parley-console>
<noscript><p>The Parley console needs JavaScript.</p></noscript>`
      : `<main><h1>The console is not built</h1><p>Run <code>npm run build</code> (or <code>npm run build:web</code>) and restart Parley.</p></main>`;
    return Promise.resolve(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Parley console</title>
${css ? `<link rel="stylesheet" href="${escapeHtml(css)}">` : ''}
${script ? `<script defer src="${escapeHtml(script)}"></script>` : ''}
</head>
<body>
${main}
</body>
</html>
`);
  };
}
