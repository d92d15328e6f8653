import { EnvReader } from './env-reader';

/** Read by the auth module (sessions, passwords, sign-on, the first admin). */
export interface AuthSettings {
  /** Sessions (bearer tokens) expire this long after sign-in. */
  readonly sessionTtlHours: number;
  readonly passwordMinLength: number;
  /** argon2id cost: memory in KiB and iterations. */
  readonly passwordHashMemoryKib: number;
  readonly passwordHashIterations: number;
  /** HS256 secret the news site signs sign-on tokens with; null disables POST /api/auth/sso. */
  readonly ssoSecret: string | null;
  /** Longest lifetime (exp - iat) accepted for a sign-on token. */
  readonly ssoMaxTokenAgeSeconds: number;
  /** How long an emailed password-reset link works. */
  readonly passwordResetTokenMinutes: number;
  /** How long an emailed email-verification link works. */
  readonly emailVerificationTokenHours: number;
  /** Readers must verify their email before they post, react, report or write notes (needs SMTP_URL). */
  readonly requireEmailVerification: boolean;
  /** First admin, created at start when no admin exists yet. */
  readonly bootstrapAdmin: { email: string; password: string; displayName: string } | null;
}

export function readAuthSettings(r: EnvReader): AuthSettings {
  const ssoSecret = r.optional('SSO_SECRET');
  if (ssoSecret !== null && ssoSecret.length < 32) r.problems.push('SSO_SECRET must be at least 32 characters long');
  const adminEmail = r.optional('ADMIN_EMAIL');
  const adminPassword = r.optional('ADMIN_PASSWORD');
  if ((adminEmail === null) !== (adminPassword === null)) {
    r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return {
    sessionTtlHours: r.int('SESSION_TTL_HOURS', 720, 1, 24 * 365),
    passwordMinLength: r.int('PASSWORD_MIN_LENGTH', 10, 8, 128),
    passwordHashMemoryKib: r.int('PASSWORD_HASH_MEMORY_KIB', 19456, 1024, 1048576),
    passwordHashIterations: r.int('PASSWORD_HASH_ITERATIONS', 2, 1, 20),
    ssoSecret,
    ssoMaxTokenAgeSeconds: r.int('SSO_MAX_TOKEN_AGE_SECONDS', 600, 10, 86400),
    passwordResetTokenMinutes: r.int('PASSWORD_RESET_TOKEN_MINUTES', 30, 5, 1440),
    emailVerificationTokenHours: r.int('EMAIL_VERIFICATION_TOKEN_HOURS', 48, 1, 720),
    requireEmailVerification: r.bool('REQUIRE_EMAIL_VERIFICATION', false),
    bootstrapAdmin:
      adminEmail && adminPassword
        ? { email: adminEmail.toLowerCase(), password: adminPassword, displayName: r.string('ADMIN_DISPLAY_NAME', 'Admin') }
        : null,
  };
}
