import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { Role, UserStatus } from '../../../generated/prisma/enums';

export class SanctionDto {
  @ApiProperty({ enum: UserStatus, description: 'Status in force now (a passed suspension reads ACTIVE)' })
  status: UserStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Shown to the user' })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'End of a suspension' })
  until: string | null;
}

/** What a user sees of themselves. */
export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ enum: Role })
  role: Role;

  @ApiProperty({ type: SanctionDto })
  sanction: SanctionDto;

  @ApiProperty({ description: 'Comments by this user wait for approval' })
  premoderated: boolean;

  @ApiProperty({ description: 'Signs in through the news site' })
  sso: boolean;

  @ApiProperty({ description: 'The email was proven through an emailed link (or the account signs in through the news site, which vouches for it)' })
  emailVerified: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** What moderators see of a user. */
export class UserDto extends MeDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deletedAt: string | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items: UserDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @Optional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ enum: UserStatus })
  @Optional()
  @IsEnum(UserStatus)
  status?: UserStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Display name or email starts with' })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SuspendDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 8760, example: 24, description: 'Length of the suspension in hours' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8760)
  hours: number;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Shown to the user' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class BanDto {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Shown to the user' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class LiftDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PremoderationDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
