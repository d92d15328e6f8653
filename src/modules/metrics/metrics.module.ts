import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ReplicaMetrics } from './replica-metrics';

/** Global so that any feature can count its events; it depends on nothing but config and the database's replica health. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, ReplicaMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
