import { SourceComment, SourceState } from './source-records';
import { ClosedElement, parentOf, parseDate, XmlRecordReader } from './xml-elements';

/** wp:comment_approved → the source state; anything unknown is held for review. */
const APPROVAL: Record<string, SourceState> = { '1': 'approved', approve: 'approved', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' };
const NOT_COMMENTS = new Set(['pingback', 'trackback']);

interface ItemState {
  postId: string;
  link: string;
  title: string;
  publishedAt: Date | null;
  comments: number;
  /** Comments seen before wp:post_id (WordPress writes the id first; this is for hand-made files). */
  waiting: SourceComment[];
}

const newItem = (): ItemState => ({ postId: '', link: '', title: '', publishedAt: null, comments: 0, waiting: [] });

/**
 * WordPress's export (WXR: RSS 2.0 with wp: elements). Each <item> is a post or page with its
 * <wp:comment> children; a thread record is emitted when an item with comments closes, each
 * comment as soon as it closes. `siteUrl` replaces the origin of item links (an export taken on a
 * staging host).
 */
export class WxrReader extends XmlRecordReader {
  private item: ItemState | null = null;
  private comment: Record<string, string> | null = null;
  /** wp:base_site_url of the channel, read before any item. */
  baseSiteUrl: string | null = null;

  constructor(private readonly siteUrl: string | null = null) {
    super();
  }

  protected override open(name: string): void {
    if (name === 'item') this.item = newItem();
    else if (name === 'wp:comment' && this.item) this.comment = {};
  }

  protected close(el: ClosedElement): void {
    const parent = parentOf(el);
    if (el.name === 'wp:base_site_url' && parent === 'channel') this.baseSiteUrl = el.text.trim();
    else if (parent === 'wp:comment' && this.comment) this.comment[el.name] = el.text;
    else if (el.name === 'wp:comment' && this.item && this.comment) this.closeComment(this.item, this.comment);
    else if (parent === 'item' && this.item) this.itemField(this.item, el);
    else if (el.name === 'item' && this.item) this.closeItem(this.item);
  }

  private itemField(item: ItemState, el: ClosedElement): void {
    const text = el.text.trim();
    if (el.name === 'wp:post_id') {
      item.postId = text;
      for (const c of item.waiting.splice(0)) this.out.push({ ...c, threadId: text });
    } else if (el.name === 'link') item.link = this.rebase(text);
    else if (el.name === 'title') item.title = text;
    else if (el.name === 'wp:post_date_gmt') item.publishedAt = parseDate(text, true) ?? item.publishedAt;
    else if (el.name === 'pubDate' && !item.publishedAt) item.publishedAt = parseDate(text);
  }

  private closeComment(item: ItemState, f: Record<string, string>): void {
    this.comment = null;
    const id = (f['wp:comment_id'] ?? '').trim();
    if (!id) return;
    const parent = (f['wp:comment_parent'] ?? '').trim();
    const type = (f['wp:comment_type'] ?? '').trim();
    const approval = (f['wp:comment_approved'] ?? '').trim();
    const record: SourceComment = {
      kind: 'comment',
      id,
      threadId: item.postId,
      parentId: parent && parent !== '0' ? parent : null,
      authorName: (f['wp:comment_author'] ?? '').trim(),
      authorEmail: (f['wp:comment_author_email'] ?? '').trim() || null,
      authorUsername: null,
      createdAt: parseDate(f['wp:comment_date_gmt'] ?? '', true) ?? parseDate(f['wp:comment_date'] ?? '', true),
      html: f['wp:comment_content'] ?? '',
      state: NOT_COMMENTS.has(type) ? 'pingback' : (APPROVAL[approval] ?? 'pending'),
    };
    item.comments++;
    if (item.postId) this.out.push(record);
    else item.waiting.push(record);
  }

  private closeItem(item: ItemState): void {
    this.item = null;
    if (item.comments === 0 || !item.postId) return;
    this.out.push({ kind: 'thread', id: item.postId, link: item.link, title: item.title || item.link, publishedAt: item.publishedAt });
  }

  private rebase(link: string): string {
    if (!this.siteUrl) return link;
    try {
      const from = new URL(link);
      const to = new URL(this.siteUrl);
      return new URL(from.pathname + from.search + from.hash, to).toString();
    } catch {
      return link;
    }
  }
}
