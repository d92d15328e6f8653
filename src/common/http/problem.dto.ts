import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title' })
  field: string;

  @ApiProperty({ example: 'title should not be empty' })
  message: string;
}

/** The one error shape (RFC 9457 problem details), served as application/problem+json. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:parley:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'title should not be empty' })
  detail: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable error code.' })
  code: string;

  @ApiPropertyOptional({ example: '/api/articles' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The request id, also in the x-request-id header.' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation errors.' })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, unknown fields, or invalid values',
  401: 'Not signed in, or the credentials are invalid',
  403: 'Signed in but not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state (duplicate, stale revision, closed)',
  413: 'Request body too large',
  422: 'Well-formed but cannot be processed',
  429: 'Rate limited; see Retry-After',
  503: 'Database unavailable; see Retry-After',
};

/** Documents the problem responses a route can give. 400, 413 and 503 apply to most routes. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
