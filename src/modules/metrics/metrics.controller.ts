import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { commonError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { tokenMatches } from './metrics-token';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint, outside /api. When METRICS_TOKEN is set, scrapers must send it as
 * `Authorization: Bearer <token>` (compared in constant time); otherwise it is open, for a network
 * where only the scraper can reach it.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: request durations, queue sizes, check outcomes, flags, scoring runs' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request did not send it' })
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const expected = this.config.metricsToken;
    if (expected !== null && !tokenMatches(req.headers.authorization, expected)) {
      throw commonError('UNAUTHENTICATED', 'Send the metrics token as `Authorization: Bearer <token>`.');
    }
    const { contentType, body } = await this.metrics.render();
    res.status(200).type(contentType).send(body);
  }
}
