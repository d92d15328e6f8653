import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../../common/http/optional';

export class UpdateMeDto {
  @ApiProperty({ minLength: 1, example: 'Lena K.', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;
}

export class DeleteMeQueryDto {
  @ApiPropertyOptional({ description: 'Also erase the text of my comments (they stay as tombstones)', default: false })
  @Optional()
  @Type(() => String)
  @IsEnum(['true', 'false'], { message: 'eraseComments must be true or false' })
  eraseComments?: 'true' | 'false';
}
