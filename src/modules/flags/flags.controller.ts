import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireActiveUser } from '../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { CreateFlagDto, FlagResultDto } from './dto/flag.dto';
import { FlagsService } from './flags.service';

@ApiTags('flags')
@ApiBearerAuth()
@Controller('comments/:id/flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Post()
  @RateLimit('flag')
  @RequireActiveUser()
  @ApiOperation({ summary: 'Report a comment; one open report per reader per comment (a repeat changes nothing and answers 200)' })
  @ApiCreatedResponse({ type: FlagResultDto, description: 'Report recorded' })
  @ApiOkResponse({ type: FlagResultDto, description: 'You had already reported this comment' })
  @ApiProblems(400, 401, 403, 404, 413, 429)
  async create(
    @CurrentUser() user: Principal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CreateFlagDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FlagResultDto> {
    const result = await this.flags.flag(user, id, dto);
    res.status(result.created ? 201 : 200);
    return result;
  }
}
