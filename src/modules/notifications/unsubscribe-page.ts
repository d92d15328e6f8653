import type { EmailTopic } from './notification-kinds';

/** The two small pages a reader sees after clicking an unsubscribe link (no scripts, no outside assets). */

const WHAT: Record<EmailTopic, string> = {
  reply: 'mail about replies to your comments',
  decision: "mail about moderators' decisions on your comments",
  appeal: 'mail about the outcome of your appeals',
  verdict: 'mail about fact-check verdicts on claims in comments you wrote or reacted to',
  all: 'all notification mail',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

export function unsubscribeConfirmPage(topic: EmailTopic, token: string): string {
  const action = `?token=${escapeHtml(encodeURIComponent(token))}`;
  return page(
    'Unsubscribe',
    `<p>Stop ${WHAT[topic]}? Your notifications stay in the app.</p><form method="post" action="${action}"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(topic: string): string {
  const what = WHAT[topic as EmailTopic] ?? 'this mail';
  return page('Unsubscribed', `<p>You will no longer get ${what}. You can turn it on again in your notification settings.</p>`);
}
