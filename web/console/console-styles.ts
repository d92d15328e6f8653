import { css } from 'lit';

/**
 * The console's look on top of the shared tokens and base: dense lists for people who work them
 * all day, clear status marks, and a visible focus ring on the current item.
 */
export const consoleStyles = css`
  :host { --_sidebar: 13em; }
  h1, h2, h3 { line-height: 1.25; margin: 0 0 var(--_space); }
  h1 { font-size: 1.35em; }
  h2 { font-size: 1.2em; }
  h3 { font-size: 1.05em; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); margin-bottom: var(--_space); }
  .toolbar .grow { flex: 1; }
  .tabs { display: flex; flex-wrap: wrap; gap: 4px; margin: 0 0 var(--_space); padding: 0; list-style: none; }
  .tabs a, .tabs button {
    display: inline-flex; align-items: center; gap: 0.4em; padding: 0.35em 0.75em; border: 1px solid var(--_border);
    border-radius: var(--_radius); background: var(--_bg); color: var(--_fg); text-decoration: none; cursor: pointer;
  }
  .tabs [aria-current='page'], .tabs [aria-selected='true'] { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  .count { font-variant-numeric: tabular-nums; font-weight: 700; }
  .card { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); padding: calc(var(--_space) * 1.5); margin-bottom: var(--_space); }
  .card.current { outline: 3px solid var(--_focus); outline-offset: 1px; }
  .card.selected { background: var(--_surface); }
  .meta { color: var(--_muted); font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 0.3em 1em; }
  .body { overflow-wrap: anywhere; }
  .body p { margin: 0.4em 0; }
  .context { border-inline-start: 3px solid var(--_border); padding-inline-start: var(--_space); margin: var(--_space) 0; color: var(--_muted); }
  .chips { display: flex; flex-wrap: wrap; gap: 0.35em; list-style: none; margin: 0.4em 0; padding: 0; }
  .chip { display: inline-block; padding: 0.05em 0.55em; border-radius: 999px; border: 1px solid var(--_border); font-size: 0.85em; background: var(--_surface); }
  .chip.warn { border-color: var(--_warning); color: var(--_warning); }
  .chip.danger { border-color: var(--_danger); color: var(--_danger); }
  .chip.ok { border-color: var(--_success); color: var(--_success); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin-top: var(--_space); align-items: center; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14em, 1fr)); gap: var(--_space); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; vertical-align: top; padding: 0.35em 0.5em; border-bottom: 1px solid var(--_border); }
  th { font-weight: 600; }
  td code, .mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; margin-bottom: var(--_space); }
  .filters label { margin: 0; font-weight: 600; font-size: 0.9em; }
  .filters input, .filters select { display: block; width: auto; min-width: 12em; }
  .status { min-height: 1.5em; }
  .empty { color: var(--_muted); padding: var(--_space) 0; }
  kbd { font-family: ui-monospace, monospace; border: 1px solid var(--_border); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.35em; background: var(--_surface); }
  .btn kbd { background: transparent; color: inherit; border-color: currentColor; }
  details > summary { cursor: pointer; }
  .overdue { color: var(--_danger); font-weight: 700; }
  .row { display: flex; gap: var(--_space); align-items: end; flex-wrap: wrap; }
  .row > * { flex: 1; min-width: 10em; }
  .row > .btn { flex: 0 0 auto; }
  input[type='number'], input[type='datetime-local'], input[type='search'] {
    display: block; width: 100%; padding: 0.45em 0.6em; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); color: var(--_fg);
  }
  .check { display: flex; gap: 0.5em; align-items: center; font-weight: normal; margin: 0.3em 0; }
`;
