import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class PasswordResetRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 254, example: 'lena@example.org' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'The token of the mailed link (its `token` query parameter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  token: string;

  @ApiProperty({ minLength: 1, maxLength: 256, description: 'The new password; the strength rules of registration apply' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class VerifyEmailDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'The token of the mailed link (its `token` query parameter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  token: string;
}

export class ChangePasswordDto {
  @ApiProperty({ minLength: 1, maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ minLength: 1, maxLength: 256, description: 'The strength rules of registration apply' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  newPassword: string;
}
