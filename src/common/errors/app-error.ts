/**
 * Domain errors: each module declares its codes with their HTTP status in one table
 * (`<feature>.errors.ts`), and the global filter turns any AppError into problem details.
 */

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra public members of the problem document (never internals). */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Builds a typed error factory for one module from its code → status table. */
export function errorFactory<C extends string>(table: Record<C, number>) {
  return (code: C, detail: string, extra?: Record<string, unknown>, headers?: Record<string, string>): AppError =>
    new AppError(table[code], code, detail, extra, headers);
}

/** Errors shared by every module. */
export const CommonErrors = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  MALFORMED_REQUEST: 400,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 503,
} as const;

export const commonError = errorFactory(CommonErrors);

export function validationError(errors: FieldError[]): AppError {
  const detail = errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid`;
  return new AppError(400, 'VALIDATION_FAILED', detail, { errors });
}
