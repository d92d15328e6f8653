import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/config';
import { requestIdFor } from './request-id';

/** JSON logs with a request id on every line; credentials never reach the log. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // The id was assigned by the first middleware (see app.setup.ts); reuse it.
      genReqId: (req, res) => (req as { id?: string }).id ?? requestIdFor(req, res),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-admin-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
