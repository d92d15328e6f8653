import { ApiProperty } from '@nestjs/swagger';

export class ApiLinksDto {
  @ApiProperty({ example: '/docs', description: 'Interactive API documentation' })
  docs: string;

  @ApiProperty({ example: '/api/openapi.json' })
  openapi: string;

  @ApiProperty({ example: '/api/openapi.yaml' })
  openapiYaml: string;

  @ApiProperty({ example: '/health/ready', description: 'Readiness: answers 200 when the database is reachable' })
  health: string;
}

export class ApiIndexDto {
  @ApiProperty({ example: 'Parley API' })
  name: string;

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({ type: ApiLinksDto, description: 'Paths from the service root' })
  links: ApiLinksDto;
}
