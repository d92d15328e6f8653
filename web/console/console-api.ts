import type { ApiClient } from '../shared/api';
import type { NoteListItem, SessionResponse, Source } from '../shared/types';
import type {
  ArticleRow,
  ArticleSettings,
  AuditEvent,
  Campaigns,
  Claim,
  ClaimDetail,
  DecisionResult,
  DeskQueue,
  Page,
  Proposal,
  QueueCounts,
  QueueItem,
  QueueName,
  QueuePage,
  RejectionReason,
  StaffUser,
  Verdict,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  Word,
} from './console-types';

export interface Decision {
  action: 'APPROVE' | 'REJECT' | 'FEATURE' | 'UNFEATURE' | 'RESTORE';
  reason?: RejectionReason;
  message?: string;
}

export interface AuditFilter {
  kind?: string;
  actor?: string;
  subject?: string;
  from?: string;
  to?: string;
}

/**
 * The staff routes the console calls, one method per route, on the shared client (same bearer
 * session, same problem-document errors as the embed). Nothing here is private to the console:
 * these are the documented routes any newsroom tool may use.
 */
export class ConsoleApi {
  constructor(readonly client: ApiClient) {}

  login(email: string, password: string): Promise<SessionResponse> {
    return this.client.login(email, password);
  }

  logout(): Promise<void> {
    return this.client.logout();
  }

  counts(): Promise<QueueCounts> {
    return this.client.request('GET', '/moderation/queues');
  }

  queue(queue: QueueName, cursor?: string | null): Promise<QueuePage> {
    return this.client.request('GET', `/moderation/queues/${queue}`, { query: { limit: 50, cursor: cursor ?? undefined } });
  }

  decide(item: QueueItem, decision: Decision): Promise<DecisionResult> {
    const body = { ...decision, revision: item.comment.revision, expectedStatus: item.comment.status };
    return this.client.request('POST', `/moderation/comments/${item.comment.id}/decisions`, { body });
  }

  bulk(items: QueueItem[], action: 'APPROVE' | 'REJECT', reason?: RejectionReason, message?: string): Promise<{ items: DecisionResult[] }> {
    const body = {
      action,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      items: items.map((i) => ({ commentId: i.comment.id, revision: i.comment.revision, expectedStatus: i.comment.status })),
    };
    return this.client.request('POST', '/moderation/decisions/bulk', { body });
  }

  assign(commentId: string): Promise<{ commentId: string; claimedBy: { id: string; displayName: string }; until: string }> {
    return this.client.request('POST', `/moderation/comments/${commentId}/assignment`);
  }

  release(commentId: string): Promise<void> {
    return this.client.request('DELETE', `/moderation/comments/${commentId}/assignment`);
  }

  decideAppeal(appealId: string, outcome: 'UPHOLD' | 'OVERTURN', note?: string): Promise<{ status: string }> {
    return this.client.request('POST', `/moderation/appeals/${appealId}/decision`, { body: note ? { outcome, note } : { outcome } });
  }

  user(id: string): Promise<StaffUser> {
    return this.client.request('GET', `/users/${id}`);
  }

  suspend(id: string, hours: number, reason: string): Promise<StaffUser> {
    return this.client.request('POST', `/users/${id}/suspend`, { body: { hours, reason } });
  }

  ban(id: string, reason: string): Promise<StaffUser> {
    return this.client.request('POST', `/users/${id}/ban`, { body: { reason } });
  }

  lift(id: string): Promise<StaffUser> {
    return this.client.request('POST', `/users/${id}/lift`, { body: {} });
  }

  premoderate(id: string, enabled: boolean): Promise<StaffUser> {
    return this.client.request('PUT', `/users/${id}/premoderation`, { body: { enabled } });
  }

  audit(filter: AuditFilter, cursor?: string | null): Promise<Page<AuditEvent>> {
    return this.client.request('GET', '/audit', { query: { ...filter, limit: 50, cursor: cursor ?? undefined } });
  }

  deskQueue(): Promise<DeskQueue> {
    return this.client.request('GET', '/desk/queue');
  }

  campaigns(hours: number, minAccounts: number): Promise<Campaigns> {
    return this.client.request('GET', '/desk/campaigns', { query: { hours, minAccounts } });
  }

  claims(q?: string, cursor?: string | null): Promise<Page<Claim>> {
    return this.client.request('GET', '/desk/claims', { query: { q: q || undefined, cursor: cursor ?? undefined } });
  }

  claim(id: string): Promise<ClaimDetail> {
    return this.client.request('GET', `/desk/claims/${id}`);
  }

  createClaim(statement: string, commentIds: string[]): Promise<ClaimDetail> {
    return this.client.request('POST', '/desk/claims', { body: commentIds.length ? { statement, commentIds } : { statement } });
  }

  proposals(claimId: string): Promise<{ items: Proposal[] }> {
    return this.client.request('GET', `/desk/claims/${claimId}/proposals`);
  }

  link(claimId: string, commentId: string): Promise<ClaimDetail> {
    return this.client.request('POST', `/desk/claims/${claimId}/comments`, { body: { commentId } });
  }

  unlink(claimId: string, commentId: string): Promise<void> {
    return this.client.request('DELETE', `/desk/claims/${claimId}/comments/${commentId}`);
  }

  publishVerdict(claimId: string, verdict: Verdict, summary: string, sources: Source[]): Promise<ClaimDetail> {
    return this.client.request('POST', `/desk/claims/${claimId}/verdicts`, { body: { verdict, summary, sources } });
  }

  notes(commentId: string): Promise<{ items: NoteListItem[] }> {
    return this.client.notes(commentId);
  }

  scoreNotes(): Promise<unknown> {
    return this.client.request('POST', '/desk/notes/score', { body: {} });
  }

  words(): Promise<{ items: Word[] }> {
    return this.client.request('GET', '/moderation/words');
  }

  addWord(phrase: string, kind: Word['kind']): Promise<Word> {
    return this.client.request('POST', '/moderation/words', { body: { phrase, kind } });
  }

  removeWord(id: string): Promise<void> {
    return this.client.request('DELETE', `/moderation/words/${id}`);
  }

  articles(cursor?: string | null): Promise<Page<ArticleRow>> {
    return this.client.request('GET', '/articles', { query: { limit: 20, cursor: cursor ?? undefined } });
  }

  updateArticle(id: string, settings: ArticleSettings): Promise<ArticleRow> {
    return this.client.request('PATCH', `/articles/${id}`, { body: settings });
  }

  webhooks(): Promise<{ items: WebhookEndpoint[] }> {
    return this.client.request('GET', '/webhooks/endpoints');
  }

  createWebhook(input: WebhookEndpointInput): Promise<WebhookEndpoint & { secret: string }> {
    return this.client.request('POST', '/webhooks/endpoints', { body: input });
  }

  updateWebhook(id: string, change: Partial<WebhookEndpointInput> & { enabled?: boolean }): Promise<WebhookEndpoint> {
    return this.client.request('PATCH', `/webhooks/endpoints/${id}`, { body: change });
  }

  deleteWebhook(id: string): Promise<void> {
    return this.client.request('DELETE', `/webhooks/endpoints/${id}`);
  }

  rotateWebhookSecret(id: string): Promise<{ secret: string }> {
    return this.client.request('POST', `/webhooks/endpoints/${id}/secret`);
  }

  webhookDeliveries(id: string): Promise<{ items: WebhookDelivery[] }> {
    return this.client.request('GET', `/webhooks/endpoints/${id}/deliveries`, { query: { limit: 20 } });
  }

  testWebhook(id: string): Promise<WebhookDelivery> {
    return this.client.request('POST', `/webhooks/endpoints/${id}/test`);
  }

  replayDelivery(id: string): Promise<WebhookDelivery> {
    return this.client.request('POST', `/webhooks/deliveries/${id}/replay`);
  }
}
