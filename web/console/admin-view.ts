import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { base, tokens } from '../shared/styles';
import type { ConsoleApi } from './console-api';
import { consoleStyles } from './console-styles';
import type { ArticleRow, ArticleSettings, Word } from './console-types';
import { errorText, when } from './errors';
import './webhooks-panel';

/** `2026-11-17T09:00:00.000Z` → the value a datetime-local input shows, in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Settings for admins: the banned and suspect word lists, each article's comment settings
 * (open or closed, pre-moderation, links held, automatic closing time), and webhooks
 * (webhooks-panel.ts).
 */
@customElement('parley-admin-view')
export class AdminView extends LitElement {
  static override styles = [
    tokens,
    base,
    consoleStyles,
    css`
      section { margin-bottom: calc(var(--_space) * 3); }
      td input[type='datetime-local'], td select { min-width: 10em; }
    `,
  ];

  @property({ attribute: false }) api!: ConsoleApi;
  @state() private words: Word[] = [];
  @state() private articles: ArticleRow[] = [];
  @state() private articlesCursor: string | null = null;
  @state() private wordError = '';
  @state() private articleError = new Map<string, string>();
  @state() private announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadWords();
    void this.loadArticles();
  }

  private async loadWords(): Promise<void> {
    try {
      this.words = (await this.api.words()).items;
    } catch (err) {
      this.wordError = errorText(err);
    }
  }

  private async loadArticles(cursor: string | null = null): Promise<void> {
    try {
      const page = await this.api.articles(cursor);
      this.articles = cursor ? [...this.articles, ...page.items] : page.items;
      this.articlesCursor = page.nextCursor;
    } catch (err) {
      this.articleError = new Map([['list', errorText(err)]]);
    }
  }

  private async addWord(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const phrase = String(data.get('phrase') ?? '').trim();
    const kind = String(data.get('kind')) as Word['kind'];
    if (!phrase) {
      this.wordError = 'Type the word or phrase to add.';
      return;
    }
    this.wordError = '';
    try {
      await this.api.addWord(phrase, kind);
      form.reset();
      this.announcement = `Added “${phrase}” to the ${kind === 'BANNED' ? 'banned' : 'suspect'} words.`;
      await this.loadWords();
    } catch (err) {
      this.wordError = errorText(err);
    }
  }

  private async removeWord(word: Word): Promise<void> {
    try {
      await this.api.removeWord(word.id);
      this.announcement = `Removed “${word.phrase}”.`;
      await this.loadWords();
    } catch (err) {
      this.wordError = errorText(err);
    }
  }

  private async saveArticle(e: SubmitEvent, article: ArticleRow): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const closes = String(data.get('closesAt') ?? '');
    const settings: ArticleSettings = {
      commentsOpen: data.get('open') === 'on',
      moderationMode: data.get('mode') === 'PRE' ? 'PRE' : 'POST',
      holdLinks: data.get('holdLinks') === 'on',
      commentsCloseAt: closes ? new Date(closes).toISOString() : null,
    };
    const errors = new Map(this.articleError);
    errors.delete(article.id);
    try {
      const saved = await this.api.updateArticle(article.id, settings);
      this.articles = this.articles.map((a) => (a.id === article.id ? { ...a, ...saved } : a));
      this.announcement = `Saved the settings of “${article.title}”.`;
    } catch (err) {
      errors.set(article.id, errorText(err));
    }
    this.articleError = errors;
  }

  protected override render() {
    return html`<h1>Settings</h1>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.renderWords()} ${this.renderArticles()}
      <parley-webhooks-panel .api=${this.api}></parley-webhooks-panel>`;
  }

  private renderWords() {
    const kinds: [Word['kind'], string, string][] = [
      ['BANNED', 'Banned words', 'Comments containing them are rejected, and the author is told why.'],
      ['SUSPECT', 'Suspect words', 'Comments containing them are held or flagged for review.'],
    ];
    return html`<section aria-labelledby="words-title">
      <h2 id="words-title">Word lists</h2>
      <form class="filters" @submit=${this.addWord} aria-label="Add a word">
        <div><label for="phrase">Word or phrase</label><input id="phrase" name="phrase" type="text" maxlength="100" /></div>
        <div>
          <label for="word-kind">List</label>
          <select id="word-kind" name="kind"><option value="BANNED">Banned</option><option value="SUSPECT">Suspect</option></select>
        </div>
        <button class="btn primary" type="submit">Add</button>
      </form>
      <p class="error" role="alert">${this.wordError}</p>
      <div class="grid">
        ${kinds.map(
          ([kind, title, help]) => html`<div class="card" aria-labelledby="words-${kind}">
            <h3 id="words-${kind}">${title}</h3>
            <p class="muted">${help}</p>
            <ul class="chips">
              ${this.words
                .filter((w) => w.kind === kind)
                .map(
                  (w) => html`<li class="chip">
                    ${w.phrase} <button class="link" type="button" aria-label="Remove ${w.phrase} from ${title.toLowerCase()}" @click=${() => this.removeWord(w)}>×</button>
                  </li>`,
                )}
            </ul>
          </div>`,
        )}
      </div>
    </section>`;
  }

  private renderArticles() {
    return html`<section aria-labelledby="articles-title">
      <h2 id="articles-title">Articles</h2>
      <p class="muted">Open or close comments, hold every comment for review (pre-moderation), hold comments with links, and set when commenting closes by itself.</p>
      <p class="error" role="alert">${this.articleError.get('list') ?? ''}</p>
      <table>
        <thead>
          <tr><th scope="col">Article</th><th scope="col">Comments open</th><th scope="col">Moderation</th><th scope="col">Hold links</th><th scope="col">Closes at</th><th scope="col"><span class="visually-hidden">Save</span></th></tr>
        </thead>
        <tbody>
          ${this.articles.map((a) => this.renderArticle(a))}
        </tbody>
      </table>
      ${this.articlesCursor ? html`<button class="btn" type="button" @click=${() => this.loadArticles(this.articlesCursor)}>Show more articles</button>` : nothing}
    </section>`;
  }

  private renderArticle(a: ArticleRow) {
    const form = `article-${a.id}`;
    const c = a.comments;
    return html`<tr data-article-id=${a.id}>
      <th scope="row">
        <form id=${form} @submit=${(e: SubmitEvent) => this.saveArticle(e, a)}></form>
        ${a.title}<br /><span class="muted">${c.count} comments · ${c.open ? 'open now' : 'closed now'}${c.closesAt ? ` · closes ${when(c.closesAt)}` : ''}</span>
        <p class="error" role="alert">${this.articleError.get(a.id) ?? ''}</p>
      </th>
      <td><label class="check"><input type="checkbox" name="open" form=${form} .checked=${c.enabled} /> Open</label></td>
      <td>
        <label class="visually-hidden" for="mode-${a.id}">Moderation of ${a.title}</label>
        <select id="mode-${a.id}" name="mode" form=${form}>
          <option value="POST" ?selected=${c.moderationMode === 'POST'}>Publish, review after</option>
          <option value="PRE" ?selected=${c.moderationMode === 'PRE'}>Pre-moderate every comment</option>
        </select>
      </td>
      <td><label class="check"><input type="checkbox" name="holdLinks" form=${form} .checked=${c.holdLinks} /> Hold</label></td>
      <td>
        <label class="visually-hidden" for="closes-${a.id}">Comments on ${a.title} close at</label>
        <input id="closes-${a.id}" name="closesAt" type="datetime-local" form=${form} .value=${toLocalInput(c.closesAt)} />
      </td>
      <td><button class="btn" type="submit" form=${form}>Save</button></td>
    </tr>`;
  }
}
