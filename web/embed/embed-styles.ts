import { css } from 'lit';

/** Layout of the comment section. Logical properties (inline-start/end) so Arabic mirrors it. */
export const embedStyles = css`
  .root { background: var(--_bg); color: var(--_fg); padding: var(--_space) 0; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--_space);
    border-bottom: 2px solid var(--_fg); padding-bottom: var(--_space); margin-bottom: calc(var(--_space) * 1.5); }
  .heading { margin: 0; font-size: 1.4em; line-height: 1.2; }
  .heading:focus { outline: none; }
  .tools { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); }
  .tools select { width: auto; display: inline-block; }
  .sort-label { display: inline; margin: 0; font-weight: normal; }
  .who { color: var(--_muted); }
  .who bdi { color: var(--_fg); font-weight: 600; }
  .join, .notice.closed, .single-bar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space);
    padding: var(--_space); background: var(--_surface); border-radius: var(--_radius); }
  .list, .replies { list-style: none; margin: 0; padding: 0; }
  .list > li { border-bottom: 1px solid var(--_border); }
  .replies { margin-inline-start: var(--_indent); padding-inline-start: calc(var(--_space) * 1.5); border-inline-start: 2px solid var(--_border); }
  .comment { padding: calc(var(--_space) * 1.5) 0 var(--_space); }
  .comment.featured > .meta { color: var(--_featured); }
  .comment.highlight { background: var(--_surface); outline: 2px solid var(--_accent); outline-offset: 2px; border-radius: var(--_radius); padding-inline: var(--_space); }
  .comment:focus { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2em 0.6em; }
  .author { font-weight: 700; overflow-wrap: anywhere; }
  .time { font-size: 0.88em; text-decoration: none; }
  .time:hover { text-decoration: underline; }
  .edited { font-size: 0.88em; }
  .badge { font-size: 0.75em; font-weight: 600; padding: 0.05em 0.55em; border-radius: 999px; border: 1px solid currentColor; }
  .badge.role { color: var(--_accent); }
  .featured-badge { color: var(--_featured); }
  .gone { font-style: italic; margin: 0.3em 0; }
  .body { margin-block: 0.3em; }
  .prose { overflow-wrap: anywhere; }
  .prose p { margin: 0 0 0.6em; }
  .prose p:last-child { margin-bottom: 0; }
  .prose blockquote { margin: 0.5em 0; padding-inline-start: 0.8em; border-inline-start: 3px solid var(--_border); color: var(--_muted); }
  .prose ul, .prose ol { margin: 0.4em 0; padding-inline-start: 1.6em; }
  .prose code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9em; background: var(--_surface); padding: 0.05em 0.3em; border-radius: 3px; }
  .prose pre { overflow-x: auto; background: var(--_surface); padding: var(--_space); border-radius: var(--_radius); }
  .notice { padding: 0.4em 0.7em; border-radius: var(--_radius); margin: 0.4em 0; }
  .notice p { margin: 0.2em 0; }
  .notice.held { color: var(--_warning); border: 1px dashed var(--_warning); }
  .notice.rejected { color: var(--_danger); border: 1px solid var(--_danger); }
  .own-rejected { margin-bottom: var(--_space); }
  .label, .context { margin: 0.6em 0; padding: 0.6em 0.8em; border-radius: var(--_radius); font-size: 0.94em; }
  .label { background: var(--_label-bg); border-inline-start: 4px solid var(--_label-border); }
  .label p, .context p { margin: 0.2em 0; }
  .label-kind { text-transform: uppercase; font-size: 0.8em; letter-spacing: 0.04em; }
  .context { background: var(--_note-bg); border-inline-start: 4px solid var(--_accent); }
  .sources ul { margin: 0.2em 0; padding-inline-start: 1.3em; }
  .sources a { overflow-wrap: anywhere; }
  .actions, .confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2em 0.5em; margin-top: 0.3em; font-size: 0.92em; }
  .react { display: inline-flex; gap: 0.35em; align-items: center; min-height: 2em; padding: 0.1em 0.7em; border: 1px solid var(--_border);
    border-radius: 999px; background: var(--_bg); cursor: pointer; }
  .react[aria-pressed='true'] { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  .react .count { font-variant-numeric: tabular-nums; }
  .more { margin: 0.2em 0 0.4em; }
  .load-more { margin: calc(var(--_space) * 2) auto; display: flex; }
  .empty { padding: var(--_space) 0; }
  parley-composer { display: block; }
`;
