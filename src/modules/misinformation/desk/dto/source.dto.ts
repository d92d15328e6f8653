import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** A source behind a verdict, a label or a context note. */
export class SourceDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'https://observatory.example/report-112' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Observatory daily report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;
}
