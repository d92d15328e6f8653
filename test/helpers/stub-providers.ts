import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stub provider received. */
export interface StubRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** What a stub answers: a JSON body (or raw text) with a status, after a delay. */
export interface StubAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  delayMs?: number;
}

/**
 * Scoring providers on loopback, real HTTP: Perspective at /perspective/v1alpha1, the
 * OpenAI-compatible moderation and chat endpoints at /openai/v1. A test sets `answer` per path
 * (a function of the request) and reads what each provider was sent in `requests`.
 */
export class StubProviders {
  readonly requests: StubRequest[] = [];
  answer: (req: StubRequest) => StubAnswer = () => ({ status: 404, json: { error: 'no answer set' } });
  private server: Server | null = null;
  private readonly pending = new Set<NodeJS.Timeout>();
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const raw = Buffer.concat(chunks).toString('utf8');
        const stubReq: StubRequest = { path: url.pathname, query: url.searchParams, headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
        this.requests.push(stubReq);
        const a = this.answer(stubReq);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
          res.end(a.text ?? JSON.stringify(a.json ?? {}));
        };
        if (!a.delayMs) return send();
        const timer = setTimeout(() => (this.pending.delete(timer), send()), a.delayMs);
        this.pending.add(timer);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  /** Requests to one path, in order. */
  to(pathEnd: string): StubRequest[] {
    return this.requests.filter((r) => r.path.endsWith(pathEnd));
  }

  async stop(): Promise<void> {
    for (const t of this.pending) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The env that points every remote provider at the stubs. */
export function stubProviderEnv(stubs: StubProviders): Record<string, string> {
  return {
    MOD_SCORER_PERSPECTIVE_URL: `${stubs.base}/perspective/v1alpha1`,
    MOD_SCORER_PERSPECTIVE_KEY: 'perspective-test-key',
    MOD_SCORER_OPENAI_MODERATION_URL: `${stubs.base}/openai/v1`,
    MOD_SCORER_OPENAI_MODERATION_KEY: 'moderation-test-key',
    MOD_SCORER_LLM_URL: `${stubs.base}/openai/v1`,
    MOD_SCORER_LLM_KEY: 'llm-test-key',
    MOD_SCORER_LLM_MODEL: 'site-llm-8b',
  };
}

/** Answers as Perspective does, with every requested attribute at the given scores (default 0.02). */
export function perspectiveAnswer(scores: Partial<Record<string, number>>): StubAnswer {
  const attrs = ['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'THREAT', 'IDENTITY_ATTACK'];
  return {
    json: {
      attributeScores: Object.fromEntries(attrs.map((a) => [a, { spanScores: [], summaryScore: { value: scores[a] ?? 0.02, type: 'PROBABILITY' } }])),
      languages: ['en'],
    },
  };
}

/** Answers as an OpenAI-compatible moderation endpoint does. */
export function moderationAnswer(scores: Partial<Record<string, number>>, model = 'omni-moderation-2024-09-26'): StubAnswer {
  const categories = ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'violence', 'sexual', 'self-harm'];
  const category_scores = Object.fromEntries(categories.map((c) => [c, scores[c] ?? 0.001]));
  return { json: { id: 'modr-1', model, results: [{ flagged: false, categories: {}, category_scores }] } };
}

/** Answers as an OpenAI-compatible chat endpoint does, with the given message content. */
export function chatAnswer(content: string, model = 'site-llm-8b'): StubAnswer {
  return { json: { id: 'chatcmpl-1', object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] } };
}
