import { effectiveStatus } from '../../common/auth/principal';
import { MeDto, UserDto } from './dto/user.dto';
import type { UserRow } from './users.repository';

export function toMeResponse(row: UserRow, now = new Date()): MeDto {
  const status = effectiveStatus(row, now);
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    sanction: {
      status,
      reason: status === 'ACTIVE' ? null : row.statusReason,
      until: status === 'SUSPENDED' ? (row.suspendedUntil?.toISOString() ?? null) : null,
    },
    premoderated: row.premoderated,
    sso: row.ssoSubject !== null,
    emailVerified: row.emailVerifiedAt !== null || row.ssoSubject !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toUserResponse(row: UserRow, now = new Date()): UserDto {
  return { ...toMeResponse(row, now), deletedAt: row.deletedAt?.toISOString() ?? null };
}
