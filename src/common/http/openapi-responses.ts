import type { OpenAPIObject } from '@nestjs/swagger';

type Responses = Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/** Routes that never touch the database. */
const NO_DATABASE = new Set(['/health/live']);

/**
 * Responses every route can give whatever its handler does, added to each operation of the
 * document so that it lists every status a client can see (the fuzzer holds the app to that):
 * 400 from the HTTP parser or validation, 413 for a body over BODY_LIMIT, 431 for oversized
 * headers, 503 with Retry-After when the database is down or a statement ran over its time limit,
 * and 415 for a body that is not JSON (or JSON in a charset the parser does not take). A status a route already documents keeps its description.
 */
export function documentCommonResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Responses }>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !op.responses) continue;
      const add = (status: string, description: string, headers?: Record<string, unknown>) => {
        const existing = op.responses?.[status];
        if (existing) {
          if (headers) existing.headers = { ...headers, ...existing.headers };
          return;
        }
        (op.responses as Responses)[status] = { description, ...(headers ? { headers } : {}), content: PROBLEM };
      };
      add('400', 'Malformed request, or invalid input');
      // The body is read (and measured) before routing, whatever the method.
      add('413', 'Request body too large');
      add('431', 'Request headers too large');
      if (!NO_DATABASE.has(path)) add('503', 'Database unavailable, or the request ran over its time limit; retry after Retry-After seconds', RETRY_AFTER);
      // A JSON body in a charset or encoding the parser does not take is refused on any route.
      add('415', method === 'get' ? 'Request body in an unsupported charset or encoding' : 'Request body is not JSON');
      if (op.responses['429']) add('429', '', RETRY_AFTER);
    }
  }
  return document;
}
