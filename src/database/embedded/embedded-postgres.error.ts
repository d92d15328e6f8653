/**
 * A start-up problem of the embedded PostgreSQL that the user can act on. Its message is one
 * sentence saying what went wrong and what to do; main.ts prints it without a stack trace.
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}
