import type { Role } from '../../generated/prisma/enums';

/**
 * The permission map: which roles may call which route. The global auth guard enforces it on
 * every request, and the access-matrix e2e test walks every route of the OpenAPI document against
 * it, so a route missing here is refused (fail closed) and fails that test.
 *
 * PUBLIC: anyone, signed in or not. SIGNED_IN: any signed-in user. A role list: only those roles.
 * Anonymous callers of a non-public route get 401; signed-in callers without the role get 403.
 * METRICS_TOKEN: no session; the scrape endpoint checks METRICS_TOKEN itself (open when unset).
 */
export type Access = 'PUBLIC' | 'SIGNED_IN' | 'METRICS_TOKEN' | readonly Role[];

const ADMIN: readonly Role[] = ['ADMIN'];
const MODERATION: readonly Role[] = ['MODERATOR', 'ADMIN'];
const STAFF_AND_DESK: readonly Role[] = ['MODERATOR', 'FACT_CHECKER', 'ADMIN'];
const DESK: readonly Role[] = ['FACT_CHECKER', 'ADMIN'];

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /health/live': 'PUBLIC',
  'GET /health/ready': 'PUBLIC',
  'GET /metrics': 'METRICS_TOKEN',
  'GET /api': 'PUBLIC',

  'GET /api/articles': 'PUBLIC',
  'GET /api/articles/{idOrSlug}': 'PUBLIC',
  'POST /api/articles/resolve': 'PUBLIC',
  'POST /api/articles': ADMIN,
  'PATCH /api/articles/{id}': ADMIN,
  'DELETE /api/articles/{id}': ADMIN,

  'GET /api/tags': 'PUBLIC',
  'GET /api/tags/{slug}': 'PUBLIC',
  'POST /api/tags': ADMIN,
  'PATCH /api/tags/{slug}': ADMIN,
  'DELETE /api/tags/{slug}': ADMIN,

  'POST /api/auth/register': 'PUBLIC',
  'POST /api/auth/login': 'PUBLIC',
  'POST /api/auth/sso': 'PUBLIC',
  'POST /api/auth/logout': 'SIGNED_IN',
  'POST /api/auth/password-reset': 'PUBLIC',
  'POST /api/auth/password-reset/confirm': 'PUBLIC',
  'POST /api/auth/verify-email': 'PUBLIC',

  'GET /api/me': 'SIGNED_IN',
  'PATCH /api/me': 'SIGNED_IN',
  'GET /api/me/export': 'SIGNED_IN',
  'DELETE /api/me': 'SIGNED_IN',
  'PUT /api/me/password': 'SIGNED_IN',
  'POST /api/me/email-verification': 'SIGNED_IN',
  'GET /api/me/sessions': 'SIGNED_IN',
  'POST /api/me/sessions/revoke-others': 'SIGNED_IN',
  'DELETE /api/me/sessions/{id}': 'SIGNED_IN',
  'GET /api/me/notifications': 'SIGNED_IN',
  'GET /api/me/notifications/unread-count': 'SIGNED_IN',
  'POST /api/me/notifications/read': 'SIGNED_IN',
  'POST /api/me/notifications/{id}/read': 'SIGNED_IN',
  'GET /api/me/notification-preferences': 'SIGNED_IN',
  'PUT /api/me/notification-preferences': 'SIGNED_IN',
  'GET /api/notifications/unsubscribe': 'PUBLIC',
  'POST /api/notifications/unsubscribe': 'PUBLIC',

  'GET /api/users': MODERATION,
  'GET /api/users/{id}': MODERATION,
  'PUT /api/users/{id}/role': ADMIN,
  'POST /api/users/{id}/suspend': MODERATION,
  'POST /api/users/{id}/ban': MODERATION,
  'POST /api/users/{id}/lift': MODERATION,
  'PUT /api/users/{id}/premoderation': MODERATION,

  'GET /api/audit': MODERATION,

  'POST /api/webhooks/endpoints': ADMIN,
  'GET /api/webhooks/endpoints': ADMIN,
  'GET /api/webhooks/endpoints/{id}': ADMIN,
  'PATCH /api/webhooks/endpoints/{id}': ADMIN,
  'DELETE /api/webhooks/endpoints/{id}': ADMIN,
  'POST /api/webhooks/endpoints/{id}/secret': ADMIN,
  'GET /api/webhooks/endpoints/{id}/deliveries': ADMIN,
  'POST /api/webhooks/endpoints/{id}/test': ADMIN,
  'POST /api/webhooks/deliveries/{id}/replay': ADMIN,

  'GET /api/articles/{id}/comments': 'PUBLIC',
  'POST /api/articles/{id}/comments': 'SIGNED_IN',
  'GET /api/comments/{id}': 'PUBLIC',
  'GET /api/comments/{id}/replies': 'PUBLIC',
  'PATCH /api/comments/{id}': 'SIGNED_IN',
  'DELETE /api/comments/{id}': 'SIGNED_IN',
  'GET /api/comments/{id}/revisions': STAFF_AND_DESK,
  'GET /api/comments/{id}/source': 'SIGNED_IN',
  'GET /api/comment-counts': 'PUBLIC',
  'GET /api/articles/{id}/events': 'PUBLIC',
  'PUT /api/comments/{id}/reactions/{kind}': 'SIGNED_IN',
  'DELETE /api/comments/{id}/reactions/{kind}': 'SIGNED_IN',

  'POST /api/comments/{id}/flags': 'SIGNED_IN',

  'GET /api/comments/{id}/decision': 'SIGNED_IN',
  'POST /api/comments/{id}/appeal': 'SIGNED_IN',
  'GET /api/moderation/queues': MODERATION,
  'GET /api/moderation/events': MODERATION,
  'GET /api/moderation/queues/{queue}': MODERATION,
  'POST /api/moderation/comments/{id}/assignment': MODERATION,
  'DELETE /api/moderation/comments/{id}/assignment': MODERATION,
  // Deprecated aliases of …/assignment.
  'POST /api/moderation/comments/{id}/claim': MODERATION,
  'DELETE /api/moderation/comments/{id}/claim': MODERATION,
  'POST /api/moderation/comments/{id}/decisions': MODERATION,
  'POST /api/moderation/decisions/bulk': MODERATION,
  'POST /api/moderation/users/{id}/ban': MODERATION,
  'POST /api/moderation/appeals/{id}/decision': MODERATION,

  'GET /api/desk/queue': DESK,
  'GET /api/desk/campaigns': DESK,
  'POST /api/desk/claims': DESK,
  'GET /api/desk/claims': DESK,
  'GET /api/desk/claims/{id}': DESK,
  'GET /api/desk/claims/{id}/proposals': DESK,
  'POST /api/desk/claims/{id}/comments': DESK,
  'DELETE /api/desk/claims/{id}/comments/{commentId}': DESK,
  'POST /api/desk/claims/{id}/verdicts': DESK,
  'PUT /api/comments/{id}/label': DESK,
  'POST /api/desk/notes/score': DESK,
  'POST /api/comments/{id}/notes': 'SIGNED_IN',
  'GET /api/comments/{id}/notes': 'PUBLIC',
  'PUT /api/notes/{id}/rating': 'SIGNED_IN',
  'GET /api/articles/{id}/transparency': 'PUBLIC',
  'GET /api/transparency': 'PUBLIC',
  'DELETE /api/comments/{id}/label': DESK,
  'PUT /api/desk/claims/{id}/external-review': DESK,
  'DELETE /api/desk/claims/{id}/external-review': DESK,
  'POST /api/desk/comments/{id}/resolution': DESK,
  'GET /api/claims/{id}/claim-review': 'PUBLIC',
  'POST /api/claims/{id}/notes': 'SIGNED_IN',
  'GET /api/claims/{id}/notes': 'PUBLIC',
  'PUT /api/comments/{id}/context-request': 'SIGNED_IN',
  'DELETE /api/comments/{id}/context-request': 'SIGNED_IN',
  'GET /api/notes/requested': 'SIGNED_IN',
  'GET /api/articles/{id}/context-requests/mine': 'SIGNED_IN',

  'GET /api/moderation/words': MODERATION,
  'POST /api/moderation/words': ADMIN,
  'DELETE /api/moderation/words/{id}': ADMIN,
};

/** Express route path (`/api/articles/:id`) → the map's OpenAPI-style key (`/api/articles/{id}`). */
export function routeKey(method: string, expressPath: string): string {
  return `${method.toUpperCase()} ${expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}
