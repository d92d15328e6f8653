import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { ClaimReviewService } from './claim-review.service';
import { ClaimReviewDto, ClaimReviewQueryDto } from './dto/claim-review.dto';

@ApiTags('misinformation desk')
@Controller('claims/:id/claim-review')
export class ClaimReviewController {
  constructor(private readonly reviews: ClaimReviewService) {}

  @Get()
  @ApiOperation({ summary: 'A verdict as schema.org ClaimReview JSON-LD, ready to publish (the current verdict, or ?version=)' })
  @ApiOkResponse({ type: ClaimReviewDto })
  @ApiProblems(400, 404)
  review(@Param('id', ParseUuidPipe) id: string, @Query() query: ClaimReviewQueryDto): Promise<ClaimReviewDto> {
    return this.reviews.review(id, query.version ?? null);
  }
}
