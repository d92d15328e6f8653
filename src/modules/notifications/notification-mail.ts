import { describe, linkOf } from './notification-view';
import type { NotificationRow } from './notifications.repository';

/** The text and HTML of notification mail: one notification, or a day's digest. Plain and short. */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT: Record<NotificationRow['kind'], string> = {
  REPLY: 'New reply to your comment',
  DECISION: 'A moderator decided on your comment',
  APPEAL: 'Your appeal was decided',
  VERDICT: 'A fact-check verdict changed',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function footer(unsubscribeUrl: string): { text: string; html: string } {
  return {
    text: `\n--\nYou get this mail because of your notification settings, which you can change on the site.\nUnsubscribe: ${unsubscribeUrl}\n`,
    html: `<hr><p><small>You get this mail because of your notification settings, which you can change on the site. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></small></p>`,
  };
}

function item(row: NotificationRow): { text: string; html: string } {
  const { summary, details } = describe(row);
  const link = linkOf(row);
  const text = [summary, ...details.map((d) => `  ${d}`), ...(link ? [`  ${link}`] : [])].join('\n');
  const html =
    `<p><strong>${escapeHtml(summary)}</strong></p>` +
    details.map((d) => `<p>${escapeHtml(d)}</p>`).join('') +
    (link ? `<p><a href="${escapeHtml(link)}">Read it on the page</a></p>` : '');
  return { text, html };
}

export function renderNotificationMail(row: NotificationRow, unsubscribeUrl: string): RenderedMail {
  const body = item(row);
  const end = footer(unsubscribeUrl);
  return { subject: SUBJECT[row.kind], text: `${body.text}\n${end.text}`, html: `${body.html}${end.html}` };
}

export function renderDigestMail(rows: NotificationRow[], unsubscribeUrl: string): RenderedMail {
  const items = rows.map(item);
  const end = footer(unsubscribeUrl);
  const count = rows.length === 1 ? '1 new notification' : `${rows.length} new notifications`;
  return {
    subject: `Your daily digest: ${count}`,
    text: `${count}:\n\n${items.map((i) => i.text).join('\n\n')}\n${end.text}`,
    html: `<p>${count}:</p>${items.map((i) => i.html).join('<hr>')}${end.html}`,
  };
}
