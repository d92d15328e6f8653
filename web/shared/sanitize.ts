/**
 * The client's own pass over comment HTML before it enters the page. The server already renders
 * bodies from Markdown and sanitizes them; this pass assumes it might not have (a server bug, a
 * compromised proxy) and rebuilds the body from scratch: the HTML is parsed in an inert document
 * (DOMParser runs no scripts and loads nothing), then only allow-listed elements are re-created
 * with createElement and only allow-listed attributes copied after checking them. Nothing from
 * the parsed tree is adopted as is, so no attribute or element the list does not name can survive.
 */

const ALLOWED = new Set(['p', 'br', 'em', 'strong', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre']);

// Elements whose content is not prose (or is markup in disguise): dropped with everything inside.
// Any other unknown element is unwrapped: its text stays, the element goes.
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'noscript', 'noembed', 'noframes', 'textarea', 'title', 'xmp', 'select', 'option', 'head', 'link', 'meta', 'base', 'form',
]);

const SAFE_LINK = /^(?:https?:\/\/[^/?#\s]|mailto:[^\s])/i;
const LIST_START = /^\d{1,9}$/;
const MAX_DEPTH = 40;

export function sanitizeToFragment(html: string, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const out = doc.createDocumentFragment();
  copyChildren(parsed.body, out, doc, 0);
  return out;
}

function copyChildren(from: Node, to: Node, doc: Document, depth: number): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    const tag = (child as Element).localName;
    // Only HTML-namespace elements: an <a> inside foreign content is not the <a> we know.
    if ((child as Element).namespaceURI !== 'http://www.w3.org/1999/xhtml' || DROP_WITH_CONTENT.has(tag)) continue;
    if (!ALLOWED.has(tag) || depth >= MAX_DEPTH) {
      copyChildren(child, to, doc, depth + 1);
      continue;
    }
    const el = doc.createElement(tag);
    copyAttributes(child as Element, el);
    to.appendChild(el);
    copyChildren(child, el, doc, depth + 1);
  }
}

function copyAttributes(from: Element, to: HTMLElement): void {
  if (to.localName === 'a') {
    const href = from.getAttribute('href')?.trim() ?? '';
    if (isSafeHref(href)) to.setAttribute('href', href);
    to.setAttribute('rel', 'nofollow ugc noopener noreferrer');
    to.setAttribute('target', '_blank');
  }
  if (to.localName === 'ol') {
    const start = from.getAttribute('start');
    if (start !== null && LIST_START.test(start)) to.setAttribute('start', start);
  }
}

/** http(s) with a host, or mailto; judged on the URL the browser would actually follow. */
export function isSafeHref(href: string): boolean {
  if (!SAFE_LINK.test(href)) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** Plain text of comment HTML, paragraphs separated by blank lines (to prefill an edit). */
export function htmlToText(html: string): string {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const blocks: string[] = [];
  const walk = (node: Node, prefix: string): void => {
    for (const child of Array.from(node.childNodes)) {
      const el = child as Element;
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      if (el.localName === 'ul' || el.localName === 'ol') {
        Array.from(el.children).forEach((li, i) => blocks.push(`${el.localName === 'ol' ? `${i + 1}.` : '-'} ${inlineText(li)}`));
      } else if (el.localName === 'blockquote') walk(el, '> ');
      else blocks.push(prefix + inlineText(el));
    }
  };
  walk(parsed.body, '');
  return blocks.join('\n\n').trim();
}

function inlineText(el: Element): string {
  return Array.from(el.childNodes)
    .map((n) => (n.nodeType === Node.ELEMENT_NODE && (n as Element).localName === 'br' ? '\n' : (n.textContent ?? '')))
    .join('');
}
