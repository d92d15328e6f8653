import { SourceState } from './source-records';
import { ClosedElement, parentOf, parseDate, XmlRecordReader } from './xml-elements';

const ROOT = 'disqus';
const isTrue = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'true';

/**
 * Disqus's export: <thread dsq:id> elements (link, title, createdAt) and <post dsq:id> elements
 * (message, createdAt, isDeleted, isSpam, author, a <thread dsq:id/> reference and an optional
 * <parent dsq:id/>). Categories and everything else are ignored.
 */
export class DisqusReader extends XmlRecordReader {
  private fields: Record<string, string> = {};
  private author: Record<string, string> = {};

  protected override open(name: string, _attributes: Record<string, string>, ancestors: readonly string[]): void {
    if ((name === 'thread' || name === 'post') && ancestors[ancestors.length - 1] === ROOT) {
      this.fields = {};
      this.author = {};
    }
  }

  protected close(el: ClosedElement): void {
    const parent = parentOf(el);
    const top = el.ancestors.length === 1 && parent === ROOT;
    if (top && el.name === 'thread') this.closeThread(el);
    else if (top && el.name === 'post') this.closePost(el);
    else if (parent === 'author') this.author[el.name] = el.text.trim();
    else if ((parent === 'post' || parent === 'thread') && el.ancestors.length === 2) {
      // References are empty elements carrying the other element's dsq:id.
      this.fields[el.name] = el.name === 'thread' || el.name === 'parent' ? (el.attributes['dsq:id'] ?? '') : el.text;
    }
  }

  private closeThread(el: ClosedElement): void {
    const id = el.attributes['dsq:id'];
    if (!id) return;
    const link = (this.fields.link ?? '').trim();
    this.out.push({ kind: 'thread', id, link, title: (this.fields.title ?? '').trim() || link, publishedAt: parseDate(this.fields.createdAt ?? '') });
  }

  private closePost(el: ClosedElement): void {
    const id = el.attributes['dsq:id'];
    const threadId = this.fields.thread ?? '';
    if (!id || !threadId) return;
    let state: SourceState = 'approved';
    if (isTrue(this.fields.isSpam)) state = 'spam';
    else if (isTrue(this.fields.isDeleted)) state = 'deleted';
    else if (this.fields.isApproved !== undefined && !isTrue(this.fields.isApproved)) state = 'pending';
    this.out.push({
      kind: 'comment',
      id,
      threadId,
      parentId: this.fields.parent || null,
      authorName: this.author.name ?? '',
      authorEmail: this.author.email || null,
      authorUsername: this.author.username || null,
      createdAt: parseDate(this.fields.createdAt ?? ''),
      html: this.fields.message ?? '',
      state,
    });
  }
}
