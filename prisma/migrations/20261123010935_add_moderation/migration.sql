-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('SYSTEM', 'SPAM', 'ABUSE', 'HARASSMENT', 'HATE', 'OFF_TOPIC', 'MISINFORMATION', 'ILLEGAL', 'REVEALS_POSITIONS', 'IDENTIFIES_VICTIM', 'GRAPHIC_MEDIA', 'TERRORIST_PROPAGANDA');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('OPEN', 'AGREED', 'DISAGREED');

-- CreateEnum
CREATE TYPE "DecisionAction" AS ENUM ('APPROVE', 'REJECT', 'FEATURE', 'UNFEATURE', 'RESTORE');

-- CreateEnum
CREATE TYPE "RejectionReason" AS ENUM ('SPAM', 'ABUSE', 'HARASSMENT', 'HATE', 'OFF_TOPIC', 'MISINFORMATION', 'ILLEGAL', 'REVEALS_POSITIONS', 'PRIVACY', 'OTHER');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('OPEN', 'UPHELD', 'OVERTURNED');

-- CreateEnum
CREATE TYPE "WordKind" AS ENUM ('BANNED', 'SUSPECT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_APPROVED';
ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_REJECTED';
ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_FEATURED';
ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_UNFEATURED';
ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_RESTORED';
ALTER TYPE "AuditKind" ADD VALUE 'APPEAL_DECIDED';
ALTER TYPE "AuditKind" ADD VALUE 'WORD_LIST_CHANGED';

-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "hold_links" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "appeal_open" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "check_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "claimed_by_id" UUID,
ADD COLUMN     "claimed_until" TIMESTAMPTZ(3),
ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "featured" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "misinfo_flag_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_flag_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_flag_weight" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "urgent_flag_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "flags" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "reporter_id" UUID,
    "reason" "FlagReason" NOT NULL,
    "details" TEXT,
    "source_url" TEXT,
    "weight" DOUBLE PRECISION NOT NULL,
    "counts_toward_hiding" BOOLEAN NOT NULL,
    "status" "FlagStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moderation_decisions" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "moderator_id" UUID NOT NULL,
    "action" "DecisionAction" NOT NULL,
    "reason" "RejectionReason",
    "message" TEXT,
    "from_status" "CommentStatus" NOT NULL,
    "to_status" "CommentStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moderation_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeals" (
    "id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'OPEN',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "outcome_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moderation_words" (
    "id" UUID NOT NULL,
    "phrase" TEXT NOT NULL,
    "kind" "WordKind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moderation_words_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moderation_alerts" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "moderation_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_check_runs" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "outcome" "CommentStatus" NOT NULL,
    "reasons" TEXT[],
    "scorer" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_check_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_status_counts" (
    "article_id" UUID NOT NULL,
    "status" "CommentStatus" NOT NULL,
    "decided" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "comment_status_counts_pkey" PRIMARY KEY ("article_id","status","decided")
);

-- CreateIndex
CREATE INDEX "flags_comment_id_status_idx" ON "flags"("comment_id", "status");

-- CreateIndex
CREATE INDEX "flags_reporter_id_reason_status_idx" ON "flags"("reporter_id", "reason", "status");

-- CreateIndex
CREATE INDEX "flags_article_id_created_at_idx" ON "flags"("article_id", "created_at");

-- CreateIndex
CREATE INDEX "moderation_decisions_comment_id_created_at_idx" ON "moderation_decisions"("comment_id", "created_at");

-- CreateIndex
CREATE INDEX "moderation_decisions_created_at_idx" ON "moderation_decisions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "appeals_decision_id_key" ON "appeals"("decision_id");

-- CreateIndex
CREATE INDEX "appeals_status_created_at_idx" ON "appeals"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "moderation_words_phrase_kind_key" ON "moderation_words"("phrase", "kind");

-- CreateIndex
CREATE INDEX "moderation_alerts_article_id_created_at_idx" ON "moderation_alerts"("article_id", "created_at");

-- CreateIndex
CREATE INDEX "comment_check_runs_comment_id_revision_idx" ON "comment_check_runs"("comment_id", "revision");

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "moderation_decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added ------------------------------------------------------------------------------------

-- One open flag per reporter per comment; a repeat is a no-op (INSERT ... ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX "flags_one_open_per_reporter" ON "flags" ("comment_id", "reporter_id") WHERE "status" = 'OPEN';

ALTER TABLE "flags" ADD CONSTRAINT "flags_weight_nonnegative" CHECK ("weight" >= 0);
ALTER TABLE "flags" ADD CONSTRAINT "flags_details_length" CHECK (char_length("details") <= 1000);
ALTER TABLE "comments" ADD CONSTRAINT "comments_flag_counts_nonnegative"
  CHECK ("open_flag_count" >= 0 AND "urgent_flag_count" >= 0 AND "misinfo_flag_count" >= 0 AND "open_flag_weight" >= 0);
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_reject_has_reason"
  CHECK ("action" <> 'REJECT' OR "reason" IS NOT NULL);

-- Queue pages: oldest first by default, one partial index per queue that is not a plain status.
CREATE INDEX "comments_queue_pending" ON "comments" ("created_at", "id") WHERE "status" IN ('PENDING', 'WITHHELD');
CREATE INDEX "comments_queue_reported" ON "comments" ("created_at", "id")
  WHERE "status" IN ('PUBLISHED', 'APPROVED') AND "open_flag_count" > 0;
CREATE INDEX "comments_queue_urgent" ON "comments" ("created_at", "id")
  WHERE "urgent_flag_count" > 0 AND "status" NOT IN ('REJECTED', 'DELETED');
CREATE INDEX "comments_queue_appeals" ON "comments" ("created_at", "id") WHERE "appeal_open";
CREATE INDEX "comments_queue_by_status" ON "comments" ("status", "created_at", "id");
CREATE INDEX "comments_queue_unmoderated" ON "comments" ("created_at", "id")
  WHERE "decided_at" IS NULL AND "status" IN ('PUBLISHED', 'PENDING', 'WITHHELD');
CREATE INDEX "comments_queue_by_weight" ON "comments" ("open_flag_weight" DESC, "created_at", "id")
  WHERE "open_flag_count" > 0 AND "status" NOT IN ('REJECTED', 'DELETED');

-- CreateTable
CREATE TABLE "user_comment_counts" (
    "user_id" UUID NOT NULL,
    "status" "CommentStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "user_comment_counts_pkey" PRIMARY KEY ("user_id","status")
);

-- Per-article counts by status and decidedness, and per-author counts by status, kept by
-- difference in the same transaction as every insert, status change or decision, whichever code
-- path makes it.
CREATE FUNCTION "comment_status_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "comment_status_counts" SET "count" = "count" - 1
    WHERE "article_id" = OLD."article_id" AND "status" = OLD."status" AND "decided" = (OLD."decided_at" IS NOT NULL);
    IF TG_OP = 'DELETE' OR OLD."status" IS DISTINCT FROM NEW."status" THEN
      UPDATE "user_comment_counts" SET "count" = "count" - 1 WHERE "user_id" = OLD."author_id" AND "status" = OLD."status";
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "comment_status_counts" ("article_id", "status", "decided", "count")
    VALUES (NEW."article_id", NEW."status", NEW."decided_at" IS NOT NULL, 1)
    ON CONFLICT ("article_id", "status", "decided") DO UPDATE SET "count" = "comment_status_counts"."count" + 1;
    IF TG_OP = 'INSERT' OR OLD."status" IS DISTINCT FROM NEW."status" THEN
      INSERT INTO "user_comment_counts" ("user_id", "status", "count") VALUES (NEW."author_id", NEW."status", 1)
      ON CONFLICT ("user_id", "status") DO UPDATE SET "count" = "user_comment_counts"."count" + 1;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "comments_status_counts_insert_delete"
  AFTER INSERT OR DELETE ON "comments"
  FOR EACH ROW EXECUTE FUNCTION "comment_status_counts_track"();

CREATE TRIGGER "comments_status_counts_update"
  AFTER UPDATE OF "status", "decided_at" ON "comments"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."decided_at" IS NULL) <> (NEW."decided_at" IS NULL))
  EXECUTE FUNCTION "comment_status_counts_track"();

-- Comments that exist already (none on a fresh install) are counted once.
INSERT INTO "comment_status_counts" ("article_id", "status", "decided", "count")
SELECT "article_id", "status", "decided_at" IS NOT NULL, count(*) FROM "comments" GROUP BY 1, 2, 3;
INSERT INTO "user_comment_counts" ("user_id", "status", "count")
SELECT "author_id", "status", count(*) FROM "comments" GROUP BY 1, 2;

-- CreateIndex (burst-created accounts are found by creation time)
CREATE INDEX "users_created_at_idx" ON "users"("created_at");

-- The posting checks and flag weights read an author's record on every post and flag: these keep
-- those reads bounded however long the author's history is.
CREATE INDEX "comments_author_approved" ON "comments" ("author_id") WHERE "status" = 'APPROVED';
CREATE INDEX "comments_author_decided" ON "comments" ("author_id", "decided_at") WHERE "decided_at" IS NOT NULL;
