import { CommentStatus } from '../../../generated/prisma/enums';

/*
 * WordPress's export format, written piece by piece. Parley's statuses go back as WordPress
 * approval values: visible ones approved, held ones waiting, removed and deleted ones trash.
 */

export const WP_APPROVAL: Record<CommentStatus, string> = {
  [CommentStatus.PUBLISHED]: '1',
  [CommentStatus.APPROVED]: '1',
  [CommentStatus.PENDING]: '0',
  [CommentStatus.WITHHELD]: '0',
  [CommentStatus.REJECTED]: 'trash',
  [CommentStatus.DELETED]: 'trash',
};

// Characters XML 1.0 cannot carry at all.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "2016-03-01 18:04:11", the form of WordPress's *_gmt fields. */
export function wpDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function wxrHead(siteUrl: string | null): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    '  xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    '<channel>',
    '  <title>Parley comments</title>',
    '  <wp:wxr_version>1.2</wp:wxr_version>',
    ...(siteUrl ? [`  <link>${escapeXml(siteUrl)}</link>`, `  <wp:base_site_url>${escapeXml(siteUrl)}</wp:base_site_url>`] : []),
    '',
  ].join('\n');
}

export const WXR_TAIL = '</channel>\n</rss>\n';

export interface ExportArticle {
  postId: number;
  id: string;
  url: string;
  title: string;
  publishedAt: Date;
}

export function itemHead(a: ExportArticle): string {
  return [
    '  <item>',
    `    <title>${cdata(a.title)}</title>`,
    `    <link>${escapeXml(a.url)}</link>`,
    `    <pubDate>${a.publishedAt.toUTCString()}</pubDate>`,
    `    <guid isPermaLink="false">urn:uuid:${a.id}</guid>`,
    `    <wp:post_id>${a.postId}</wp:post_id>`,
    `    <wp:post_date_gmt>${wpDate(a.publishedAt)}</wp:post_date_gmt>`,
    '    <wp:post_type>post</wp:post_type>',
    '    <wp:status>publish</wp:status>',
    '',
  ].join('\n');
}

export const ITEM_TAIL = '  </item>\n';

export interface ExportComment {
  commentId: number;
  parentId: number;
  authorName: string;
  authorEmail: string | null;
  createdAt: Date;
  html: string;
  status: CommentStatus;
}

export function commentXml(c: ExportComment): string {
  return [
    '    <wp:comment>',
    `      <wp:comment_id>${c.commentId}</wp:comment_id>`,
    `      <wp:comment_author>${cdata(c.authorName)}</wp:comment_author>`,
    `      <wp:comment_author_email>${escapeXml(c.authorEmail ?? '')}</wp:comment_author_email>`,
    `      <wp:comment_date_gmt>${wpDate(c.createdAt)}</wp:comment_date_gmt>`,
    `      <wp:comment_content>${cdata(c.status === CommentStatus.DELETED ? '' : c.html)}</wp:comment_content>`,
    `      <wp:comment_approved>${WP_APPROVAL[c.status]}</wp:comment_approved>`,
    '      <wp:comment_type>comment</wp:comment_type>',
    `      <wp:comment_parent>${c.parentId}</wp:comment_parent>`,
    '    </wp:comment>',
    '',
  ].join('\n');
}
