import { ApiError } from '../shared/api';
import { htmlToText } from '../shared/sanitize';
import type { Comment, Sort, ThreadPage } from '../shared/types';
import type { CommentAction } from './comment-view';
import { errorText } from './errors';
import type { ParleyComments } from './parley-comments';
import type { ComposerSubmit } from './parley-composer';
import { refreshed, Thread, threadFrom, withDeleted, withEdited, withNextPage, withPosted, withReaction, withReplies } from './thread-store';

const PERMALINK = /^#comment-([0-9a-f-]{36})$/i;
/** A refresh reloads at most this many pages of top-level comments. */
const MAX_RELOAD_PAGES = 5;
/** The server's default edit window; used until comments carry `editableUntil`. */
const DEFAULT_EDIT_WINDOW_MS = 300_000;

/**
 * What the reader does, carried out against the API: loading and refreshing the thread,
 * permalinks, signing in and out, posting, replying, editing, deleting, reacting, reporting.
 * The element holds the state; this class changes it and never renders.
 */
export class CommentActions {
  private articleId: string | null = null;
  private refreshing = false;
  /** Whose context requests `el.contextAsked` holds (undefined: not loaded yet). */
  private askedFor: string | null | undefined = undefined;
  /** Counts the reader's toggles, so a load that started before one does not undo it. */
  private askedEdits = 0;

  constructor(private readonly el: ParleyComments) {}

  async start(): Promise<void> {
    this.el.status = 'loading';
    try {
      this.articleId = this.el.articleId || (await this.el.client.resolveArticle(this.el.articleUrl || location.href.split('#')[0], this.el.articleTitle || undefined)).id;
      await this.el.account.trySilent();
      this.el.thread = threadFrom([await this.page(null)]);
      // The reader's "needs a note" marks follow the first paint rather than delay it.
      void this.loadAsked();
      this.el.status = 'ready';
      await this.followHash();
    } catch {
      this.el.status = 'error';
    }
  }

  private page(cursor: string | null): Promise<ThreadPage> {
    return this.el.client.thread(this.articleId as string, this.el.sort, cursor);
  }

  /** Reload what is shown (called by the update source: interval, focus, later live events). */
  async refresh(): Promise<void> {
    const current = this.el.thread;
    if (!current || this.refreshing || this.el.status !== 'ready') return;
    this.refreshing = true;
    try {
      const pages = [await this.page(null)];
      while (pages.length < Math.min(current.pages, MAX_RELOAD_PAGES) && pages[pages.length - 1].nextCursor) {
        pages.push(await this.page(pages[pages.length - 1].nextCursor));
      }
      const { thread, added } = refreshed(this.el.thread ?? current, pages, this.el.user?.id ?? null);
      this.el.thread = thread;
      if ((this.el.user?.id ?? null) !== this.askedFor) await this.loadAsked();
      if (added > 0) this.el.announce(this.el.i18n.t('newComments', { count: added }));
      if (this.el.single) await this.openPermalink(this.highlighted(), false);
    } catch {
      // A failed background refresh changes nothing; the next one tries again.
    } finally {
      this.refreshing = false;
    }
  }

  async changeSort(sort: Sort): Promise<void> {
    this.el.sort = sort;
    this.el.status = 'loading';
    try {
      this.el.thread = threadFrom([await this.page(null)]);
      this.el.status = 'ready';
    } catch {
      this.el.status = 'error';
    }
  }

  async loadMore(): Promise<void> {
    const thread = this.el.thread;
    if (!thread?.nextCursor) return;
    await this.run('more', async () => {
      this.el.thread = withNextPage(thread, await this.page(thread.nextCursor));
    });
  }

  async followHash(): Promise<void> {
    const id = PERMALINK.exec(location.hash)?.[1];
    if (id) await this.openPermalink(id.toLowerCase(), true);
  }

  private highlighted(): string {
    return this.el.highlight ?? '';
  }

  /** One conversation: the linked comment under its ancestors, scrolled to and focused. */
  private async openPermalink(id: string, focus: boolean): Promise<void> {
    try {
      const { comment, ancestors } = await this.el.client.permalink(id);
      let node: Comment = comment;
      for (const a of [...ancestors].reverse()) node = { ...a, replies: [node], moreReplies: false };
      this.el.single = { articleId: comment.articleId, count: 0, open: this.el.thread?.open ?? false, items: [node], nextCursor: null, pages: 1, replyCursors: new Map() };
      this.el.highlight = id;
      if (!focus) return;
      await this.el.updateComplete;
      const target = this.el.renderRoot.querySelector<HTMLElement>(`#comment-${id}`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
    } catch (err) {
      this.el.topError = errorText(this.el.i18n, err);
    }
  }

  showAll(): void {
    this.el.single = null;
    this.el.highlight = null;
    if (PERMALINK.test(location.hash)) history.replaceState(history.state, '', location.href.split('#')[0]);
    void this.el.updateComplete.then(() => this.el.renderRoot.querySelector<HTMLElement>('.heading')?.focus());
  }

  // ---- writing -------------------------------------------------------------------------------

  editable(c: Comment): boolean {
    if (c.state !== 'visible' && c.state !== 'awaiting-review') return false;
    const until = c.editableUntil ? Date.parse(c.editableUntil) : Date.parse(c.createdAt) + DEFAULT_EDIT_WINDOW_MS;
    return Date.now() < until;
  }

  editText(c: Comment): string {
    return c.source ?? htmlToText(c.html ?? '');
  }

  async postTop(submit: ComposerSubmit): Promise<void> {
    const ok = await this.post(submit, null, 'top');
    if (ok) this.el.topComposer?.reset();
  }

  private async post(submit: ComposerSubmit, parentId: string | null, busyKey: string): Promise<boolean> {
    return this.run(busyKey, async () => {
      const comment = await this.el.client.post(this.articleId as string, submit.body, parentId, submit.idempotencyKey);
      if (comment.state === 'rejected') {
        this.el.rejected = [comment, ...this.el.rejected];
      } else {
        this.update((t) => withPosted(t, comment));
      }
      this.el.announce(this.el.i18n.t(comment.state === 'visible' ? 'posted' : comment.state === 'rejected' ? 'rejected' : 'postedHeld'));
      this.el.replyingTo = null;
    });
  }

  async act(action: CommentAction, c: Comment, detail?: ComposerSubmit): Promise<void> {
    const needsUser = ['reply', 'respect', 'disagree', 'report', 'ask-context'].includes(action);
    if (needsUser && !this.el.user) return this.el.account.request();
    this.el.formError = '';
    this.el.errorAt = null;
    switch (action) {
      case 'reply':
        return this.openForm(c.id, 'reply');
      case 'edit':
        return this.openForm(c.id, 'edit');
      case 'cancel':
        this.el.replyingTo = this.el.editing = this.el.confirmingDelete = null;
        return;
      case 'submit':
        return this.el.editing === c.id ? this.saveEdit(c, detail as ComposerSubmit) : void (await this.post(detail as ComposerSubmit, c.id, c.id));
      case 'delete':
        this.el.confirmingDelete = c.id;
        return;
      case 'confirm-delete':
        return this.remove(c);
      case 'respect':
      case 'disagree':
        return this.react(c, action === 'respect' ? 'RESPECT' : 'DISAGREE');
      case 'report':
        return this.el.reportDialog.open(c.id);
      case 'notes':
        return this.el.notesDialog.open(c.id);
      case 'ask-context':
        return this.askContext(c);
      case 'decision':
        return this.el.decisionDialog.open(c);
      case 'more-replies':
        return this.moreReplies(c);
    }
  }

  private async openForm(id: string, mode: 'reply' | 'edit'): Promise<void> {
    this.el.replyingTo = mode === 'reply' ? id : null;
    this.el.editing = mode === 'edit' ? id : null;
    this.el.confirmingDelete = null;
    await this.el.updateComplete;
    this.el.renderRoot.querySelector<HTMLElement>(`#comment-${id} > parley-composer, #comment-${id} parley-composer.${mode}`)?.focus();
  }

  private async saveEdit(c: Comment, submit: ComposerSubmit): Promise<void> {
    await this.run(c.id, async () => {
      const edited = await this.el.client.edit(c.id, submit.body);
      this.update((t) => withEdited(t, edited));
      this.el.editing = null;
      this.el.announce(this.el.i18n.t('updated'));
    });
  }

  private async remove(c: Comment): Promise<void> {
    await this.run(c.id, async () => {
      await this.el.client.remove(c.id);
      this.update((t) => withDeleted(t, c.id));
      this.el.confirmingDelete = null;
      this.el.announce(this.el.i18n.t('removed'));
    });
  }

  private async react(c: Comment, kind: 'RESPECT' | 'DISAGREE'): Promise<void> {
    await this.run(c.id, async () => {
      const state = await this.el.client.react(c.id, kind, !c.viewerReactions.includes(kind));
      this.update((t) => withReaction(t, c.id, state));
    });
  }

  /** "This needs a note": asks for context on the comment, or withdraws the request. */
  private async askContext(c: Comment): Promise<void> {
    const on = !this.el.contextAsked.has(c.id);
    await this.run(c.id, async () => {
      await this.el.client.askContext(c.id, on);
      this.askedEdits++;
      const next = new Set(this.el.contextAsked);
      if (on) next.add(c.id);
      else next.delete(c.id);
      this.el.contextAsked = next;
      this.el.announce(this.el.i18n.t(on ? 'contextAsked' : 'contextWithdrawn'));
    });
  }

  /** The signed-in reader's context requests on this article, so a reload still shows them asked. */
  private async loadAsked(): Promise<void> {
    const userId = this.el.user?.id ?? null;
    this.askedFor = userId;
    if (!userId || !this.articleId) {
      this.el.contextAsked = new Set();
      return;
    }
    const edits = this.askedEdits;
    try {
      const { commentIds } = await this.el.client.myContextRequests(this.articleId);
      if (edits === this.askedEdits) this.el.contextAsked = new Set(commentIds);
    } catch {
      // An older Parley without the route, or a failed call: nothing shows as asked; the next refresh tries again.
      this.askedFor = undefined;
    }
  }

  private async moreReplies(c: Comment): Promise<void> {
    const view = this.el.single ?? this.el.thread;
    const cursor = view?.replyCursors.get(c.id) ?? null;
    await this.run(`replies:${c.id}`, async () => {
      const page = await this.el.client.replies(c.id, cursor);
      this.update((t) => withReplies(t, c.id, page.items, page.nextCursor));
    });
  }

  reportedOne(commentId: string): void {
    this.el.reported = new Set(this.el.reported).add(commentId);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Applies a change to the full thread and, in permalink mode, to the conversation shown. */
  private update(change: (t: Thread) => Thread): void {
    if (this.el.thread) this.el.thread = change(this.el.thread);
    if (this.el.single) this.el.single = change(this.el.single);
  }

  private async run(busyKey: string, work: () => Promise<void>): Promise<boolean> {
    this.el.busy = busyKey;
    this.el.formError = '';
    this.el.errorAt = null;
    try {
      await work();
      return true;
    } catch (err) {
      const text = errorText(this.el.i18n, err);
      if (err instanceof ApiError && err.code === 'INVALID_SESSION') this.el.topError = text;
      else {
        this.el.formError = text;
        this.el.errorAt = busyKey;
      }
      return false;
    } finally {
      this.el.busy = null;
    }
  }

}
