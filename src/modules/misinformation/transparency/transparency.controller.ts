import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/http/problem.dto';
import { ArticleTransparencyDto, MonthlyTransparencyDto } from './dto/transparency.dto';
import { TransparencyService } from './transparency.service';

@ApiTags('transparency')
@Controller()
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('articles/:id/transparency')
  @ApiOperation({ summary: 'Public log of labels, verdicts and removals on an article: reason codes and dates, no personal data' })
  @ApiOkResponse({ type: ArticleTransparencyDto })
  @ApiProblems(404)
  article(@Param('id') id: string): Promise<ArticleTransparencyDto> {
    return this.transparency.article(id);
  }

  @Get('transparency')
  @ApiOperation({ summary: 'Site-wide monthly figures: decisions and reports by reason, median time from report to decision, appeals, verdicts' })
  @ApiQuery({ name: 'month', required: false, example: '2026-11' })
  @ApiOkResponse({ type: MonthlyTransparencyDto })
  @ApiProblems(400)
  month(@Query('month') month?: string): Promise<MonthlyTransparencyDto> {
    return this.transparency.month(month);
  }
}
