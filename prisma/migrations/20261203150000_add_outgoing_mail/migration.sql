-- Outgoing mail (issue 15): written by MailService.enqueue in the transaction of what caused it,
-- sent by the mail worker of any instance (claimed with FOR UPDATE SKIP LOCKED and a lease).

CREATE TABLE "outgoing_mail" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT,
    "html_body" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outgoing_mail_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "outgoing_mail_status_check" CHECK ("status" IN ('PENDING', 'SENT', 'FAILED'))
);

CREATE INDEX "outgoing_mail_created_at_idx" ON "outgoing_mail"("created_at");
-- What the mail worker claims: pending rows by due time (not in the Prisma schema).
CREATE INDEX "outgoing_mail_due_idx" ON "outgoing_mail"("next_attempt_at") WHERE "status" = 'PENDING';
