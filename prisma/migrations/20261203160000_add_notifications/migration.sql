-- Reader notifications (issue 15): written by the notifications outbox consumer after the change
-- that caused them committed; read in-app, mailed at once or in a daily digest per preferences.

CREATE TYPE "NotificationKind" AS ENUM ('REPLY', 'DECISION', 'APPEAL', 'VERDICT');

CREATE TYPE "EmailCadence" AS ENUM ('IMMEDIATE', 'DAILY', 'OFF');

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "comment_id" UUID,
    "article_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "mail_state" TEXT NOT NULL DEFAULT 'NONE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_mail_state_check" CHECK ("mail_state" IN ('NONE', 'SENT', 'DIGEST', 'SKIPPED'))
);

-- One notification per recipient and cause, so a consumer that handles an event twice adds nothing.
CREATE UNIQUE INDEX "notifications_recipient_id_dedupe_key_key" ON "notifications"("recipient_id", "dedupe_key");
CREATE INDEX "notifications_recipient_id_created_at_id_idx" ON "notifications"("recipient_id", "created_at" DESC, "id" DESC);
CREATE INDEX "notifications_comment_id_idx" ON "notifications"("comment_id");
-- The unread count and the digest's work list (not in the Prisma schema).
CREATE INDEX "notifications_unread_idx" ON "notifications"("recipient_id") WHERE "read_at" IS NULL;
CREATE INDEX "notifications_digest_due_idx" ON "notifications"("recipient_id", "created_at") WHERE "mail_state" = 'DIGEST';

ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notification_preferences" (
    "user_id" UUID NOT NULL,
    "cadence" "EmailCadence" NOT NULL DEFAULT 'IMMEDIATE',
    "email_reply" BOOLEAN NOT NULL DEFAULT true,
    "email_decision" BOOLEAN NOT NULL DEFAULT true,
    "email_appeal" BOOLEAN NOT NULL DEFAULT true,
    "email_verdict" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id")
);

ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One digest per user and period: the row is the claim, so instances running the job together
-- send it once.
CREATE TABLE "notification_digests" (
    "user_id" UUID NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "items" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_digests_pkey" PRIMARY KEY ("user_id", "period_end")
);

ALTER TABLE "notification_digests" ADD CONSTRAINT "notification_digests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The key unsubscribe links are signed with when SSO_SECRET is not set: made once, shared by every instance.
CREATE TABLE "notification_signing_keys" (
    "id" SMALLINT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_signing_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_signing_keys_single_check" CHECK ("id" = 1)
);
