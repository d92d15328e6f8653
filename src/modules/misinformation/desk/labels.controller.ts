import { Body, Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { LabelDto } from './dto/label.dto';
import { VerdictDto } from './dto/verdict.dto';
import { LabelsService } from './labels.service';

@ApiTags('misinformation desk')
@ApiBearerAuth()
@Controller('comments/:id/label')
export class CommentLabelController {
  constructor(private readonly labels: LabelsService) {}

  @Put()
  @ApiOperation({ summary: 'Label a single comment without a claim (a label never hides it)' })
  @ApiOkResponse({ type: LabelDto })
  @ApiProblems(400, 401, 403, 404, 413)
  label(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: VerdictDto): Promise<LabelDto> {
    return this.labels.label(user, id, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a comment’s own label' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async unlabel(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.labels.unlabel(user, id);
  }
}
