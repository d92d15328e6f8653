/**
 * What the export readers produce, whatever the format: threads (the articles comments hang on)
 * and comments with the source's own ids. Readers only parse; mapping to Parley happens later.
 */

/** A WordPress post or page, or a Disqus thread. */
export interface SourceThread {
  kind: 'thread';
  id: string;
  /** As written in the export; made canonical when staged. */
  link: string;
  title: string;
  publishedAt: Date | null;
}

/** The source's moderation state of a comment, before it is mapped to a Parley status. */
export type SourceState = 'approved' | 'pending' | 'spam' | 'trash' | 'deleted' | 'pingback';

export interface SourceComment {
  kind: 'comment';
  id: string;
  threadId: string;
  /** Null for a top-level comment. */
  parentId: string | null;
  authorName: string;
  authorEmail: string | null;
  /** The commenter's user name on the old system (Disqus), a stabler key than the name. */
  authorUsername: string | null;
  createdAt: Date | null;
  /** The body as the source stores it: HTML (WordPress allows a few tags, Disqus sends HTML). */
  html: string;
  state: SourceState;
}

export type SourceRecord = SourceThread | SourceComment;

/** A push parser: text in, the records completed by it out. Never holds more than one open element's text. */
export interface RecordParser {
  write(chunk: string): SourceRecord[];
  end(): SourceRecord[];
}

export type ImportFormat = 'wxr' | 'disqus';
