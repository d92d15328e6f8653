import { DynamicModule, Global, Module } from '@nestjs/common';
import { BoundedQueries } from './bounded-queries';
import { DatabaseOptions, PrismaService } from './prisma.service';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: PrismaService, useFactory: () => new PrismaService(options) }, BoundedQueries],
      exports: [PrismaService, BoundedQueries],
    };
  }
}
