import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../../../common/http/optional';

export class ClaimReviewQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'A verdict version (default: the current one)' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

class OrganizationDto {
  @ApiProperty({ enum: ['Organization'], name: '@type' })
  '@type': 'Organization';

  @ApiProperty({ description: 'FACTCHECK_ORG_NAME' })
  name: string;

  @ApiProperty({ description: 'FACTCHECK_ORG_URL (default PUBLIC_URL)' })
  url: string;
}

class RatingDto {
  @ApiProperty({ enum: ['Rating'], name: '@type' })
  '@type': 'Rating';

  @ApiProperty({ type: 'integer', description: '1 = false … 5 = true' })
  ratingValue: number;

  @ApiProperty({ type: 'integer', example: 5 })
  bestRating: number;

  @ApiProperty({ type: 'integer', example: 1 })
  worstRating: number;

  @ApiProperty({ description: 'The verdict in words: False, Misleading, Unverified, Disputed, Outdated, True' })
  alternateName: string;
}

class ReviewedClaimDto {
  @ApiProperty({ enum: ['Claim'], name: '@type' })
  '@type': 'Claim';

  @ApiProperty({ type: String, format: 'date', description: 'When the claim reached the desk' })
  datePublished: string;
}

class CitationDto {
  @ApiProperty({ enum: ['CreativeWork'], name: '@type' })
  '@type': 'CreativeWork';

  @ApiProperty()
  url: string;

  @ApiProperty()
  name: string;
}

/** A verdict as schema.org ClaimReview (JSON-LD), ready to embed in a page in a `<script type="application/ld+json">`. */
export class ClaimReviewDto {
  @ApiProperty({ enum: ['https://schema.org'], name: '@context' })
  '@context': 'https://schema.org';

  @ApiProperty({ enum: ['ClaimReview'], name: '@type' })
  '@type': 'ClaimReview';

  @ApiProperty({ description: 'The page the review is published on (FACTCHECK_PAGE_URL)' })
  url: string;

  @ApiProperty({ description: 'The claim, as the desk worded it' })
  claimReviewed: string;

  @ApiProperty({ type: String, format: 'date', description: 'When this verdict version was issued' })
  datePublished: string;

  @ApiProperty({ description: 'The verdict summary' })
  reviewBody: string;

  @ApiProperty({ type: OrganizationDto })
  author: OrganizationDto;

  @ApiProperty({ type: RatingDto })
  reviewRating: RatingDto;

  @ApiProperty({ type: ReviewedClaimDto })
  itemReviewed: ReviewedClaimDto;

  @ApiProperty({ type: [CitationDto], description: 'The verdict’s sources' })
  citation: CitationDto[];
}
