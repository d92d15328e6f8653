import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { CacheInvalidator } from './cache-invalidator';
import { HttpCacheRepository } from './http-cache.repository';
import { PublicCache } from './public-cache';

/** Caching headers, the per-instance micro-cache and compression for public reads (app.setup.ts installs PublicCache's handler). */
@Module({
  imports: [EventsModule],
  providers: [PublicCache, CacheInvalidator, HttpCacheRepository],
  exports: [PublicCache],
})
export class HttpCacheModule {}
