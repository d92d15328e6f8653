import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NoteRatingValue, NoteStatus } from '../../../../generated/prisma/enums';
import { SourceDto } from '../../desk/dto/source.dto';

export class CreateNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'Context that helps readers judge the comment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text: string;

  @ApiProperty({ type: [SourceDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources: SourceDto[];
}

export class RateNoteDto {
  @ApiProperty({ enum: NoteRatingValue })
  @IsEnum(NoteRatingValue)
  value: NoteRatingValue;
}

/** A note as its author gets it back when writing it. */
export class NoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The comment the note is on; null for a note on a claim' })
  commentId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The claim the note is on; null for a note on a comment' })
  claimId: string | null;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: NoteStatus })
  status: NoteStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** A note on a comment's (or a claim's) notes page. */
export class NoteListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set when the note is on a claim the comment is linked to: it follows the claim to every linked comment' })
  claimId: string | null;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: NoteStatus })
  status: NoteStatus;

  @ApiProperty({ type: 'integer', description: 'Ratings so far' })
  ratings: number;

  @ApiProperty({ type: String, format: 'date-time' })
  statusChangedAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class NoteListDto {
  @ApiProperty({ type: [NoteListItemDto], description: 'By status, then oldest first' })
  items: NoteListItemDto[];
}

export class NoteRatingDto {
  @ApiProperty({ format: 'uuid' })
  noteId: string;

  @ApiProperty({ enum: NoteRatingValue })
  value: NoteRatingValue;
}

export class NoteScoringRunDto {
  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({ type: 'integer', description: 'Ratings the run read' })
  ratings: number;

  @ApiProperty({ type: 'integer', description: 'Notes scored' })
  notes: number;

  @ApiProperty({ type: 'integer', description: 'Notes whose status changed' })
  changed: number;
}
