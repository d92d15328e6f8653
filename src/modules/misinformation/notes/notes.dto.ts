import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NoteRatingValue } from '../../../generated/prisma/enums';
import { SourceDto } from '../desk/desk.dto';

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
