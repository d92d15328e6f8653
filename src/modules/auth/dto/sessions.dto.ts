import { ApiProperty } from '@nestjs/swagger';

export class SessionInfoDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the session was opened (sign-in or registration)' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'Last request with it, to within five minutes' })
  lastUsedAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'The browser or app that signed in, as it named itself' })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The client address at sign-in' })
  ip: string | null;

  @ApiProperty({ description: 'The session this request was made with' })
  current: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionInfoDto], description: 'Live sessions, most recently used first' })
  items: SessionInfoDto[];
}

export class RevokedSessionsDto {
  @ApiProperty({ description: 'How many sessions were revoked' })
  revoked: number;
}
