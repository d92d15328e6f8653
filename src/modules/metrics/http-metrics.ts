import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Times every request and records it under the route pattern it matched (`/api/comments/:id`),
 * never the raw path, so label cardinality stays bounded; requests that match no route share
 * the label `unmatched`.
 */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      // A public read answered by the micro-cache never reached the router; it names its route itself.
      const answeredEarly = res.locals.metricsRoute as string | undefined;
      end({ method: req.method, route: route ? `${req.baseUrl}${route}` : (answeredEarly ?? 'unmatched'), status: String(res.statusCode) });
    });
    next();
  };
}
