import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { EmailTopic } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';
import { signUnsubscribe, UnsubscribeClaim, verifyUnsubscribe } from './unsubscribe-token';

/**
 * The signed one-click unsubscribe links of notification mail. The key is SSO_SECRET when the
 * site has one; otherwise a random key stored once in the database, so that every instance
 * signs and checks alike. It never changes once made, so each process keeps it after reading it.
 */
@Injectable()
export class UnsubscribeLinks {
  private key: Promise<string> | null = null;

  constructor(
    private readonly repo: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The key to sign with, made (once, for every instance) when there is none yet. */
  private signingKey(): Promise<string> {
    if (this.config.ssoSecret) return Promise.resolve(this.config.ssoSecret);
    this.key ??= this.repo.signingKey(randomBytes(32).toString('base64url')).catch((err: unknown) => {
      this.key = null;
      throw err;
    });
    return this.key;
  }

  /** The key to check with, without making one: before any link was signed, no token is valid (and a GET writes nothing). */
  private async checkingKey(): Promise<string | null> {
    if (this.config.ssoSecret) return this.config.ssoSecret;
    if (this.key) return this.key;
    const stored = await this.repo.findSigningKey();
    if (stored) this.key = Promise.resolve(stored);
    return stored;
  }

  /** The URL for List-Unsubscribe (POST turns the mail off; GET shows a page with a button that does). */
  async url(userId: string, topic: EmailTopic): Promise<string> {
    const token = signUnsubscribe(await this.signingKey(), { userId, topic });
    return `${this.config.publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  async verify(token: string): Promise<UnsubscribeClaim | null> {
    const key = await this.checkingKey();
    return key === null ? null : verifyUnsubscribe(key, token);
  }
}
