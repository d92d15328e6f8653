import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** An external fact-check a claim cites instead of a verdict of its own (another newsroom's or a fact-checking organisation's). */
export class ExternalReviewDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'https://factcheck.example/2026/silos-footage' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Example Fact Check' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  publisher: string;

  @ApiProperty({ minLength: 1, maxLength: 100, description: 'The publisher’s own rating, as it words it', example: 'False' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  rating: string;
}

/** An external fact-check as the desk and readers see it. */
export class ExternalReviewViewDto extends ExternalReviewDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the desk cited it' })
  citedAt: string;
}
