import { Module } from '@nestjs/common';
import { ApiIndexController } from './api-index.controller';

@Module({ controllers: [ApiIndexController] })
export class ApiIndexModule {}
