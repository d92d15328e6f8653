import { Injectable } from '@nestjs/common';
import { Tx } from '../../../database/prisma.service';
import type { UserRow } from '../users.repository';

/** Queries for accounts an import makes for the commenters of another system. */
@Injectable()
export class PlaceholderAccountsRepository {
  /** Ids of the live or deleted accounts that already hold these emails (stored lowercased). */
  async idsByEmail(emails: string[], tx: Tx): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = await tx.$queryRawUnsafe<{ id: string; email: string }[]>(
      'SELECT id, email FROM users WHERE email = ANY($1::text[])',
      emails,
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** New placeholder accounts, in the order given; an email taken meanwhile fails the batch (it is retried). */
  async insert(rows: { id: string; email: string | null; displayName: string }[], tx: Tx): Promise<void> {
    if (rows.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO users (id, display_name, email, placeholder)
       SELECT id, display_name, email, true FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, display_name)`,
      rows.map((r) => r.id),
      rows.map((r) => r.email),
      rows.map((r) => r.displayName),
    );
  }

  /** Turns the placeholder holding this email into the registering reader's account; null when there is none. */
  async adopt(email: string, displayName: string, passwordHash: string, tx: Tx): Promise<UserRow | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE users SET placeholder = false, password_hash = ${passwordHash}, display_name = ${displayName}
      WHERE email = ${email} AND placeholder AND password_hash IS NULL AND sso_subject IS NULL AND deleted_at IS NULL
      RETURNING id`;
    return rows.length === 0 ? null : tx.user.findUnique({ where: { id: rows[0].id } });
  }
}
