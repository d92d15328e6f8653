import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIndexDto } from './dto/api-index.dto';

/** Also the OpenAPI document's version (app.setup.ts). */
export const API_VERSION = '0.1.0';

/** `GET /api`, the address the start banner prints first: where to go from here. */
@ApiTags('operations')
@Controller()
export class ApiIndexController {
  @Get()
  @ApiOperation({ summary: 'Index: links to the docs, the OpenAPI document and the health check' })
  @ApiOkResponse({ type: ApiIndexDto })
  index(): ApiIndexDto {
    return {
      name: 'Parley API',
      version: API_VERSION,
      links: { docs: '/docs', openapi: '/api/openapi.json', openapiYaml: '/api/openapi.yaml', health: '/health/ready' },
    };
  }
}
