import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { sendProblem } from './common/errors/problem';
import { fromBodyParserError } from './common/errors/problem.filter';
import { noStoreForPersonalResponses } from './common/http/cache-control';
import { answerClientErrors } from './common/http/client-error';
import { jsonBodiesOnly } from './common/http/json-only';
import { FrameworkStartUpAtDebug } from './common/http/logging';
import { documentCommonResponses } from './common/http/openapi-responses';
import { requestIdFor } from './common/http/request-id';
import { createValidationPipe } from './common/http/validation';
import { expressTrustProxy } from './config/trust-proxy';
import { readRoutingMiddleware } from './database/read-routing';
import { API_VERSION } from './modules/api-index/api-index.controller';
import { ArticlesService } from './modules/articles/articles.service';
import { PublicCache } from './modules/http-cache/public-cache';
import { httpMetrics } from './modules/metrics/http-metrics';
import { MetricsService } from './modules/metrics/metrics.service';
import { consolePage } from './web/console-page';
import { demoPage } from './web/demo-page';
import { loadWebAssets, WEB_DIR } from './web/web-assets';
import { webRoutes } from './web/web-routes';

export const API_PREFIX = 'api';

/**
 * Builds the whole HTTP application. main.ts and the e2e tests both call this, so tests exercise
 * exactly what production serves: body limits, validation, problem details, docs.
 */
export interface CreateAppOptions extends AppModuleOptions {
  /** Where the built front end is (default dist/web; the browser tests build their own). */
  webDir?: string;
}

export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(new FrameworkStartUpAtDebug(app.get(Logger)));
  answerClientErrors(app.getHttpServer());
  // req.ip is the socket's address unless TRUST_PROXY names the proxies in front (see README).
  app.set('trust proxy', expressTrustProxy(options.config.trustProxy));
  app.disable('x-powered-by');
  // Request ids first, so even a body that fails to parse is answered and logged with one.
  app.use((req: Request, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req, res);
    next();
  });
  app.use(httpMetrics(app.get(MetricsService)));
  // Which database this request's reads may use (read replicas; src/database/read-routing.ts).
  app.use(readRoutingMiddleware(options.config.readYourWritesMs));
  app.use(noStoreForPersonalResponses);
  // The front end (embed script, demo page, console) with headers of its own, ahead of the API's.
  const assets = loadWebAssets(options.webDir ?? WEB_DIR);
  const articles = app.get(ArticlesService);
  app.use(webRoutes(assets, { '/demo': demoPage((slug) => articles.get(slug), assets), '/console': consolePage(assets) }));
  // Security headers. The API answers JSON only, so the policy forbids everything a document
  // could load; the interactive docs under /docs get helmet's default policy for their own assets.
  const apiHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  const docsHeaders = helmet();
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/docs') ? docsHeaders : apiHeaders)(req, res, next));
  // Browsers may call the API only from the news site's own pages (CORS_ORIGINS); none by default.
  const origins = new Set(options.config.corsOrigins);
  app.enableCors({
    origin: (origin, done) => done(null, origin !== undefined && origins.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Parley-Wrote-At'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Parley-Wrote-At'],
    maxAge: 600,
  });
  // Public reads: caching headers, the micro-cache (a hit is answered here) and compression.
  app.use(app.get(PublicCache).handler());
  app.use(jsonBodiesOnly);
  app.use(
    express.json({ limit: options.config.bodyLimitBytes, type: ['application/json', 'application/*+json'], strict: true }),
  );
  // Errors raised while reading the body happen before Nest's router, so they are answered here.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const problem = fromBodyParserError(err);
    if (!problem) return next(err);
    sendProblem(res, problem, req.originalUrl.split('?')[0], req.id as string | undefined);
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/*path', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    yamlDocumentUrl: `${API_PREFIX}/openapi.yaml`,
  });
  return app;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Parley API')
    .setDescription(
      'Reader discussion and moderation for news sites. Errors are application/problem+json (RFC 9457) with a stable `code`.',
    )
    .setVersion(API_VERSION)
    .addBearerAuth()
    .build();
  return documentCommonResponses(SwaggerModule.createDocument(app, config));
}

