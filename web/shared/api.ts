import type {
  Article,
  Comment,
  FlagReason,
  Me,
  NoteListItem,
  NoteRating,
  Permalink,
  ReactionKind,
  RepliesPage,
  SessionResponse,
  Sort,
  Source,
  Statement,
  ThreadPage,
} from './types';

/** A failed call: the problem document's status and code, or status 0 when the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface Credentials {
  /** The bearer token to send, if signed in. */
  token(): string | null;
  /** The server said the token is no longer valid. */
  expired(): void;
}

type Query = Record<string, string | number | undefined>;

/**
 * Parley's public API, nothing else: the same routes any client uses. One method per route the
 * front end calls; errors arrive as ApiError with the problem document's code.
 */
export class ApiClient {
  /**
   * The server's mark of this reader's last write (Parley-Wrote-At), sent back with their requests
   * so that, where Parley reads from replicas, they see what they just wrote. The server decides
   * when it is old enough to ignore.
   */
  private wroteAt: string | null = null;

  constructor(
    readonly base: string,
    readonly credentials: Credentials,
  ) {}

  async request<T>(method: string, path: string, options: { body?: unknown; query?: Query; headers?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`${this.base}/api${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = this.credentials.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (token && this.wroteAt) headers['Parley-Wrote-At'] = this.wroteAt;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), credentials: 'omit', mode: 'cors' });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Parley could not be reached.');
    }
    const mark = res.headers.get('Parley-Wrote-At');
    if (mark) this.wroteAt = mark;
    if (res.status === 204) return undefined as T;
    const data: unknown = await res.json().catch(() => null);
    if (res.ok) return data as T;
    const problem = (data ?? {}) as { code?: string; detail?: string; errors?: { field: string; message: string }[] };
    if (res.status === 401 && problem.code === 'INVALID_SESSION') this.credentials.expired();
    throw new ApiError(res.status, problem.code ?? `HTTP_${res.status}`, problem.detail ?? res.statusText, problem.errors ?? []);
  }

  resolveArticle(url: string, title?: string): Promise<Article> {
    return this.request('POST', '/articles/resolve', { body: title ? { url, title } : { url } });
  }

  thread(articleId: string, sort: Sort, cursor?: string | null, limit = 20): Promise<ThreadPage> {
    return this.request('GET', `/articles/${encodeURIComponent(articleId)}/comments`, { query: { sort, limit, cursor: cursor ?? undefined } });
  }

  replies(commentId: string, cursor?: string | null): Promise<RepliesPage> {
    return this.request('GET', `/comments/${commentId}/replies`, { query: { cursor: cursor ?? undefined } });
  }

  permalink(commentId: string): Promise<Permalink> {
    return this.request('GET', `/comments/${commentId}`);
  }

  post(articleId: string, body: string, parentId: string | null, idempotencyKey: string): Promise<Comment> {
    return this.request('POST', `/articles/${articleId}/comments`, {
      body: parentId ? { body, parentId } : { body },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  edit(commentId: string, body: string): Promise<Comment> {
    return this.request('PATCH', `/comments/${commentId}`, { body: { body } });
  }

  remove(commentId: string): Promise<void> {
    return this.request('DELETE', `/comments/${commentId}`);
  }

  react(commentId: string, kind: ReactionKind, on: boolean): Promise<{ respectCount: number; disagreeCount?: number; viewerReactions: string[] }> {
    return this.request(on ? 'PUT' : 'DELETE', `/comments/${commentId}/reactions/${kind}`);
  }

  flag(commentId: string, report: { reason: FlagReason; details?: string; sourceUrl?: string }): Promise<{ created: boolean }> {
    return this.request('POST', `/comments/${commentId}/flags`, { body: report });
  }

  decision(commentId: string): Promise<Statement> {
    return this.request('GET', `/comments/${commentId}/decision`);
  }

  appeal(commentId: string, text: string): Promise<Statement> {
    return this.request('POST', `/comments/${commentId}/appeal`, { body: { text } });
  }

  notes(commentId: string): Promise<{ items: NoteListItem[] }> {
    return this.request('GET', `/comments/${commentId}/notes`);
  }

  writeNote(commentId: string, text: string, sources: Source[]): Promise<NoteListItem> {
    return this.request('POST', `/comments/${commentId}/notes`, { body: { text, sources } });
  }

  rateNote(noteId: string, value: NoteRating): Promise<{ noteId: string; value: NoteRating }> {
    return this.request('PUT', `/notes/${noteId}/rating`, { body: { value } });
  }

  askContext(commentId: string, on: boolean): Promise<{ commentId: string; requested: boolean; requests: number }> {
    return this.request(on ? 'PUT' : 'DELETE', `/comments/${commentId}/context-request`);
  }

  myContextRequests(articleId: string): Promise<{ commentIds: string[] }> {
    return this.request('GET', `/articles/${encodeURIComponent(articleId)}/context-requests/mine`);
  }

  register(email: string, password: string, displayName: string): Promise<SessionResponse> {
    return this.request('POST', '/auth/register', { body: { email, password, displayName } });
  }

  login(email: string, password: string): Promise<SessionResponse> {
    return this.request('POST', '/auth/login', { body: { email, password } });
  }

  signOn(token: string): Promise<SessionResponse> {
    return this.request('POST', '/auth/sso', { body: { token } });
  }

  logout(): Promise<void> {
    return this.request('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.request('GET', '/me');
  }
}
