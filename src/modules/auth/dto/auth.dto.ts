import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MeDto } from '../../users/dto/user.dto';

export class RegisterDto {
  @ApiProperty({ minLength: 1, maxLength: 254, example: 'lena@example.org' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 256, description: 'At least PASSWORD_MIN_LENGTH characters (default 10); weak passwords are refused' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;

  @ApiProperty({ minLength: 1, example: 'Lena K.', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;
}

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 254, example: 'lena@example.org' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class SsoDto {
  @ApiProperty({ minLength: 1, maxLength: 8192, description: 'HS256 JWT signed by the news site with SSO_SECRET: claims sub, name, email, jti, iat, exp' })
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
