import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireActiveUser } from '../../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { CreateNoteDto, NoteDto, NoteListDto, NoteRatingDto, NoteScoringRunDto, RateNoteDto } from './dto/note.dto';
import { NotesService } from './notes.service';

@ApiTags('context notes')
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Post('comments/:id/notes')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireActiveUser()
  @ApiOperation({ summary: 'Write a context note (text and at least one source) on a reported or labelled comment' })
  @ApiCreatedResponse({ type: NoteDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  create(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: CreateNoteDto): Promise<NoteDto> {
    return this.notes.create(user, id, dto);
  }

  @Get('comments/:id/notes')
  @ApiOperation({ summary: 'The notes page of a comment: every note with its status, its own and those on claims it is linked to (404 where the comment itself is not shown)' })
  @ApiOkResponse({ type: NoteListDto })
  @ApiProblems(404)
  list(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user?: Principal): Promise<NoteListDto> {
    return this.notes.list(id, user);
  }

  @Post('claims/:id/notes')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireActiveUser()
  @ApiOperation({ summary: 'Write a context note on a published claim: once scored helpful it shows under every comment linked to the claim, on every article' })
  @ApiCreatedResponse({ type: NoteDto })
  @ApiProblems(400, 401, 403, 404, 413)
  createOnClaim(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: CreateNoteDto): Promise<NoteDto> {
    return this.notes.createOnClaim(user, id, dto);
  }

  @Get('claims/:id/notes')
  @ApiOperation({ summary: 'The notes page of a published claim (one with a verdict or an external fact-check): every note with its status' })
  @ApiOkResponse({ type: NoteListDto })
  @ApiProblems(404)
  listForClaim(@Param('id', ParseUuidPipe) id: string): Promise<NoteListDto> {
    return this.notes.listForClaim(id);
  }

  @Put('notes/:id/rating')
  @ApiBearerAuth()
  @RequireActiveUser()
  @ApiOperation({ summary: 'Rate a note HELPFUL, SOMEWHAT_HELPFUL or NOT_HELPFUL (one rating, changeable; not your own note; only while its comment is public)' })
  @ApiOkResponse({ type: NoteRatingDto })
  @ApiProblems(400, 401, 403, 404)
  rate(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: RateNoteDto): Promise<NoteRatingDto> {
    return this.notes.rate(user, id, dto);
  }

  @Post('desk/notes/score')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Run the note scoring job now (it also runs on a schedule)' })
  @ApiOkResponse({ type: NoteScoringRunDto })
  @ApiProblems(401, 403, 409)
  score(): Promise<NoteScoringRunDto> {
    return this.notes.score('manual');
  }
}
