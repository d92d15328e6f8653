import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppError, commonError } from './app-error';
import { fromDatabaseError } from './database-errors';
import { sendProblem } from './problem';

const HTTP_CODES: Record<number, keyof typeof import('./app-error').CommonErrors> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Turns anything thrown into one problem-details response; unknown errors never leak internals. */
export function toAppError(err: unknown, logger?: Logger, req?: Request): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HttpException) return fromHttpException(err, req);
  const database = fromDatabaseError(err);
  if (database) {
    // The client hears "retry shortly"; the operator needs the cause (deadlock, timeout, outage).
    if (database.status === 503) logger?.warn({ requestId: req?.id, cause: databaseCause(err) }, `answered 503: ${database.code}`);
    return database;
  }
  const bodyError = fromBodyParserError(err);
  if (bodyError) return bodyError;
  logger?.error({ err, requestId: req?.id }, 'unhandled error');
  return commonError('INTERNAL', 'An unexpected error occurred. It has been logged with the request id.');
}

/** What the database said, for the log only: the driver's code and message, never a client's body. */
function databaseCause(err: unknown): Record<string, unknown> {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } };
  const driver = e.meta?.driverAdapterError?.cause;
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    message: err instanceof Error ? err.message : String(err),
    ...(driver ? { sqlstate: driver.code, driverMessage: driver.message } : {}),
  };
}

function fromHttpException(err: HttpException, req?: Request): AppError {
  const status = err.getStatus();
  if (status === 404 && err.message.startsWith('Cannot ')) {
    return commonError('ROUTE_NOT_FOUND', `No route ${req?.method ?? ''} ${req?.path ?? ''}`.trim());
  }
  if (status === 503) {
    // Terminus readiness failure: say which check failed, and when to ask again.
    const body = err.getResponse() as { details?: unknown };
    return new AppError(503, 'SERVICE_UNAVAILABLE', 'A dependency is unavailable.', { checks: body?.details ?? {} }, { 'Retry-After': '5' });
  }
  const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
  const detail = status >= 500 ? 'An unexpected error occurred.' : err.message;
  return new AppError(status, code, detail);
}

/** body-parser marks its errors with `type` and `status`; these are the client's fault. */
export function fromBodyParserError(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const type = (err as { type?: unknown }).type;
  switch (type) {
    case 'entity.parse.failed':
      return commonError('MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return commonError('PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return commonError('UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return commonError('VALIDATION_FAILED', 'The request body could not be read.');
    default:
      return isDecompressionError(err) ? commonError('VALIDATION_FAILED', 'The request body could not be decoded with its Content-Encoding.') : null;
  }
}

/**
 * A gzip, deflate or brotli body that does not decompress: body-parser passes zlib's error on
 * with status 400 and no `type` (its message, e.g. "incorrect header check", is not shown).
 */
function isDecompressionError(err: object): boolean {
  const e = err as { status?: unknown; expose?: unknown; errno?: unknown; code?: unknown };
  return e.status === 400 && e.expose === true && typeof e.errno === 'number' && typeof e.code === 'string';
}

@Catch()
@Injectable()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const error = toAppError(exception, this.logger, req);
    sendProblem(res, error, req.originalUrl?.split('?')[0], req.id as string | undefined);
  }
}
