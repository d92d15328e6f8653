import { LoggerService, RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../config/config';
import { requestIdFor } from './request-id';

/** Query parameters whose values never reach the log, should a client put a credential in a URL. */
const SECRET_QUERY = /([?&](?:token|access_token|session|password|secret|key|sig|signature)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/**
 * JSON logs with a request id on every line; credentials never reach the log: request bodies are
 * not logged at all, credential headers and any password/token/secret field are censored, and so
 * are credential-looking query parameters. `stream` lets tests read what would be written.
 */
export function loggerParams(config: AppConfig, stream?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    // The id was assigned by the first middleware (see app.setup.ts); reuse it.
    genReqId: (req, res) => (req as { id?: string }).id ?? requestIdFor(req, res),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-admin-token"]',
        'req.headers["proxy-authorization"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.token',
        '*.secret',
        '*.ssoSecret',
        '*.tokenHash',
        '*.passwordHash',
        '*.metricsToken',
      ],
      censor: '[redacted]',
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/metrics') },
  };
  // A named wildcard: nestjs-pino's default '*' makes Nest 11 print a legacy-route warning at start.
  return { pinoHttp: stream ? [options, stream] : options, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] };
}

/** Where Nest reports its own start-up: every module initialised, every route mapped (~110 lines). */
const FRAMEWORK_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Passes everything to the app's logger, except that Nest's start-up chatter goes out at debug
 * level (LOG_LEVEL=debug shows it). At info level it buried the start banner. Warnings and errors
 * from the same places keep their level.
 */
export class FrameworkStartUpAtDebug implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && FRAMEWORK_START_UP.has(context)) this.inner.debug?.(message, ...params);
    else this.inner.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.inner.fatal?.(message, ...params);
  }
}
