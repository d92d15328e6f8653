-- Account recovery (issue 15): password change and reset, email verification, sessions listed
-- and revocable by their owner.

ALTER TYPE "AuditKind" ADD VALUE 'PASSWORD_CHANGED';
ALTER TYPE "AuditKind" ADD VALUE 'PASSWORD_RESET';
ALTER TYPE "AuditKind" ADD VALUE 'EMAIL_VERIFIED';

-- Existing accounts stay unverified; see README "Accounts" before turning on REQUIRE_EMAIL_VERIFICATION.
ALTER TABLE "users" ADD COLUMN "email_verified_at" TIMESTAMPTZ(3);

ALTER TABLE "sessions" ADD COLUMN "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "user_agent" TEXT,
    ADD COLUMN "ip" TEXT;

CREATE TABLE "account_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "account_tokens_purpose_check" CHECK ("purpose" IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION'))
);

CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens"("token_hash");
CREATE INDEX "account_tokens_user_id_purpose_idx" ON "account_tokens"("user_id", "purpose");

ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
