import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Tx } from '../../../database/prisma.service';
import { checkDisplayName } from '../display-name';
import type { UserRow } from '../users.repository';
import { PlaceholderAccountsRepository } from './placeholder-accounts.repository';

/** A commenter of another system, as an import knows them. */
export interface ImportedPerson {
  /** The import's key for the person ("email:…", "name:…"); also seeds a neutral name. */
  key: string;
  email: string | null;
  displayName: string;
}

/**
 * Placeholder accounts: an import gives each commenter of the old system an account without a
 * password (nobody can sign in to it), keyed by email where there is one. Whoever registers
 * that email later adopts the account, and with it the imported comments. A commenter whose
 * email already has an account here gets their comments on that account instead.
 */
@Injectable()
export class PlaceholderAccountsService {
  constructor(private readonly accounts: PlaceholderAccountsRepository) {}

  /** The account for each person (by key) and whether it was made now. */
  async ensure(people: ImportedPerson[], tx: Tx): Promise<Map<string, { userId: string; created: boolean }>> {
    const emails = [...new Set(people.map((p) => p.email).filter((e): e is string => e !== null))];
    const existing = await this.accounts.idsByEmail(emails, tx);
    const out = new Map<string, { userId: string; created: boolean }>();
    const fresh: { id: string; email: string | null; displayName: string }[] = [];
    for (const person of people) {
      const found = person.email ? existing.get(person.email) : undefined;
      if (found) {
        out.set(person.key, { userId: found, created: false });
        continue;
      }
      const id = randomUUID();
      fresh.push({ id, email: person.email, displayName: placeholderName(person) });
      out.set(person.key, { userId: id, created: true });
      if (person.email) existing.set(person.email, id);
    }
    await this.accounts.insert(fresh, tx);
    return out;
  }

  /** Registration with a placeholder's email: the reader takes the account over. */
  adopt(email: string, displayName: string, passwordHash: string, tx: Tx): Promise<UserRow | null> {
    return this.accounts.adopt(email, displayName, passwordHash, tx);
  }
}

/** The commenter's name cleaned like any reader's; one that is blank or passes for staff becomes "Reader" and four characters of the key. */
export function placeholderName(person: Pick<ImportedPerson, 'key' | 'displayName'>): string {
  const check = checkDisplayName(person.displayName.slice(0, 50), 'READER');
  return check.ok ? check.name : `Reader ${createHash('sha256').update(person.key).digest('hex').slice(0, 4)}`;
}
