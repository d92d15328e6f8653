import { css } from 'lit';

/**
 * Theme tokens. Every colour, font and spacing the components use comes from a private `--_x`
 * variable that reads the public `--parley-*` custom property a site may set, with a light and
 * a dark default. Sizes are in px and em of the component's own font size, never rem: a site's
 * root font size must not resize the embed. The README lists every public variable.
 */
const DARK = css`
    --_fg: var(--parley-color-text, #e7e9ee);
    --_muted: var(--parley-color-muted, #a7aebb);
    --_bg: var(--parley-color-background, #16181d);
    --_surface: var(--parley-color-surface, #20232a);
    --_border: var(--parley-color-border, #3a3f4a);
    --_accent: var(--parley-color-accent, #8ab4ff);
    --_on-accent: var(--parley-color-on-accent, #0b1a33);
    --_danger: var(--parley-color-danger, #ffb4ab);
    --_warning: var(--parley-color-warning, #f2c46d);
    --_success: var(--parley-color-success, #8fd19e);
    --_focus: var(--parley-color-focus, #8ab4ff);
    --_label-bg: var(--parley-color-label-background, #3a2f12);
    --_label-border: var(--parley-color-label-border, #b8902e);
    --_note-bg: var(--parley-color-note-background, #1b2a44);
    --_featured: var(--parley-color-featured, #c6a8ff);
`;

export const tokens = css`
  :host {
    --_font: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Naskh Arabic', sans-serif);
    --_size: var(--parley-font-size, 16px);
    --_line: var(--parley-line-height, 1.5);
    --_space: var(--parley-spacing, 8px);
    --_radius: var(--parley-radius, 6px);
    --_indent: var(--parley-reply-indent, 20px);
    --_fg: var(--parley-color-text, #1d1f23);
    --_muted: var(--parley-color-muted, #5b6270);
    --_bg: var(--parley-color-background, #ffffff);
    --_surface: var(--parley-color-surface, #f4f5f7);
    --_border: var(--parley-color-border, #d5d9e0);
    --_accent: var(--parley-color-accent, #1f5fbf);
    --_on-accent: var(--parley-color-on-accent, #ffffff);
    --_danger: var(--parley-color-danger, #b3261e);
    --_warning: var(--parley-color-warning, #8a5a00);
    --_success: var(--parley-color-success, #1e6b34);
    --_focus: var(--parley-color-focus, #1f5fbf);
    --_label-bg: var(--parley-color-label-background, #fff6e0);
    --_label-border: var(--parley-color-label-border, #d9a520);
    --_note-bg: var(--parley-color-note-background, #eaf2ff);
    --_featured: var(--parley-color-featured, #6a3fb5);
  }
  :host([theme='dark']) {
    ${DARK}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${DARK}
    }
  }
`;

/**
 * Base look of the shadow tree. The host element itself is pinned with !important, which inside a
 * shadow tree outranks even a site's !important rules: a page with `* { all: unset !important }`
 * cannot make the component inline or strip its font.
 */
export const base = css`
  :host {
    display: block !important;
    box-sizing: border-box !important;
    font-family: var(--_font) !important;
    font-size: var(--_size) !important;
    line-height: var(--_line) !important;
    color: var(--_fg) !important;
    text-align: start !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    visibility: visible !important;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  button, input, select, textarea { font: inherit; color: inherit; letter-spacing: inherit; }
  a { color: var(--_accent); }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .btn {
    display: inline-flex; align-items: center; gap: 0.3em; min-height: 2.2em; padding: 0.2em 0.8em;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); cursor: pointer;
  }
  .btn:hover { border-color: var(--_accent); }
  .btn[disabled] { opacity: 0.6; cursor: default; }
  .btn.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  .btn.danger { color: var(--_danger); }
  .link {
    border: 0; background: none; padding: 0.15em 0.3em; color: var(--_accent); cursor: pointer; text-decoration: underline;
    min-height: 1.8em;
  }
  .muted { color: var(--_muted); }
  .error { color: var(--_danger); }
  label { display: block; font-weight: 600; margin-block: 0.6em 0.2em; }
  input[type='text'], input[type='email'], input[type='password'], input[type='url'], textarea, select {
    display: block; width: 100%; padding: 0.45em 0.6em; border: 1px solid var(--_border); border-radius: var(--_radius);
    background: var(--_bg); color: var(--_fg);
  }
  textarea { min-height: 6em; resize: vertical; }
`;
