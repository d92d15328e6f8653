import { EnvReader } from './env-reader';
import { parseTrustProxy, TrustProxy } from './trust-proxy';

/** The process and its HTTP edge; read by main.ts, app.setup.ts, common/http and the metrics module. */
export interface ServerSettings {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Public base URL printed at start; defaults to http://localhost:<port>. */
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser; empty = none. */
  readonly corsOrigins: readonly string[];
  /** Bearer token required by GET /metrics; null leaves it open (for a private network). */
  readonly metricsToken: string | null;
  /** On SIGTERM, how long in-flight requests may take before connections are cut. */
  readonly shutdownGraceSeconds: number;
  /** Which proxies' X-Forwarded-For to believe for the client address (false: the socket's address). */
  readonly trustProxy: TrustProxy;
}

export function readServerSettings(r: EnvReader): ServerSettings {
  const env = r.oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const port = r.int('PORT', 3000, 0, 65535);
  const metricsToken = r.optional('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) r.problems.push('METRICS_TOKEN must be at least 16 characters long');
  const trustProxy = parseTrustProxy(r.env.TRUST_PROXY);
  if ('problem' in trustProxy) r.problems.push(trustProxy.problem);
  if (metricsToken === null && env === 'production') {
    r.problems.push('METRICS_TOKEN must be set when NODE_ENV=production (without it GET /metrics is open to anyone who can reach the service)');
  }
  return {
    env,
    port,
    host: r.string('HOST', '0.0.0.0'),
    publicUrl: r.string('PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, ''),
    logLevel: r.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    bodyLimitBytes: r.bytes('BODY_LIMIT', 256 * 1024),
    corsOrigins: r.origins('CORS_ORIGINS'),
    metricsToken,
    shutdownGraceSeconds: r.int('SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
    trustProxy: 'value' in trustProxy ? trustProxy.value : false,
  };
}
