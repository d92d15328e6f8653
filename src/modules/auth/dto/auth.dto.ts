import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MeDto } from '../../users/dto/user.dto';

export class RegisterDto {
  @ApiProperty({ example: 'lena@example.org' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 256, description: 'At least PASSWORD_MIN_LENGTH characters; common passwords are refused' })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ example: 'Lena K.', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'lena@example.org' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class SsoDto {
  @ApiProperty({ description: 'HS256 JWT signed by the news site with SSO_SECRET: claims sub, name, email, jti, iat, exp' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8192)
  token: string;
}

export class SessionDto {
  @ApiProperty({ description: 'Bearer token: send as `Authorization: Bearer <token>`. Shown once.' })
  token: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: MeDto })
  user: MeDto;
}
