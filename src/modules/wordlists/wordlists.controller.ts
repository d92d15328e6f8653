import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { AddWordDto, WordDto, WordListDto } from './dto/word.dto';
import { WordListsService } from './wordlists.service';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation/words')
export class WordListsController {
  constructor(private readonly words: WordListsService) {}

  @Get()
  @ApiOperation({ summary: 'Banned and suspect words (admins, moderators)' })
  @ApiOkResponse({ type: WordListDto })
  @ApiProblems(401, 403)
  async list(): Promise<WordListDto> {
    return { items: await this.words.list() };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a banned or suspect word or phrase (admins)' })
  @ApiCreatedResponse({ type: WordDto })
  @ApiProblems(400, 401, 403, 409, 413)
  add(@CurrentUser() user: Principal, @Body() dto: AddWordDto): Promise<WordDto> {
    return this.words.add(user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a word-list entry (admins)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async remove(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.words.remove(user, id);
  }
}
