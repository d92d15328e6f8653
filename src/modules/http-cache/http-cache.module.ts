import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { CacheInvalidator } from './cache-invalidator';
import { PublicCache } from './public-cache';

/** Caching headers, the per-instance micro-cache and compression for public reads (app.setup.ts installs PublicCache's handler). */
@Module({
  imports: [EventsModule],
  providers: [PublicCache, CacheInvalidator],
  exports: [PublicCache],
})
export class HttpCacheModule {}
