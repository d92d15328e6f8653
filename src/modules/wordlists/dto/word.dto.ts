import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { WordKind } from '../../../generated/prisma/enums';

export class AddWordDto {
  @ApiProperty({ minLength: 1, example: 'buy followers', maxLength: 100, description: 'A word or short phrase; matched after normalization, resisting leetspeak and inserted spaces' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  phrase: string;

  @ApiProperty({ enum: WordKind })
  @IsEnum(WordKind)
  kind: WordKind;
}

export class WordDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  phrase: string;

  @ApiProperty({ enum: WordKind })
  kind: WordKind;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class WordListDto {
  @ApiProperty({ type: [WordDto] })
  items: WordDto[];
}
