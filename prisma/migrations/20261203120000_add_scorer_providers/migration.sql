-- Issue 18: scorer providers chosen per article, a score to sort queues by, retrained local models.

-- AlterTable
ALTER TABLE "articles" ADD COLUMN "scorers" TEXT;

-- Names as in MOD_SCORER, comma-separated without spaces; '' = no scorer. The service validates
-- them against the configured providers; this keeps out anything that is not a list of names.
ALTER TABLE "articles" ADD CONSTRAINT "articles_scorers_names"
  CHECK ("scorers" IS NULL OR "scorers" ~ '^((local|perspective|openai-moderation|llm)(,(local|perspective|openai-moderation|llm))*)?$');

-- AlterTable
ALTER TABLE "comments" ADD COLUMN "check_score" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "scorer_models" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "evaluation" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scorer_models_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scorer_models_kind_version_key" ON "scorer_models"("kind", "version");

-- CreateIndex
CREATE INDEX "scorer_models_kind_created_at_idx" ON "scorer_models"("kind", "created_at");

ALTER TABLE "scorer_models" ADD CONSTRAINT "scorer_models_kind" CHECK ("kind" IN ('abuse', 'spam'));

-- The pending and reported queues sorted by score (sort=score), highest first, keyset on
-- (check_score, created_at, id); partial like the queues' own indexes, with the same literals.
CREATE INDEX "comments_queue_pending_by_score" ON "comments" ("check_score" DESC, "created_at", "id") WHERE "status" IN ('PENDING', 'WITHHELD');
CREATE INDEX "comments_queue_reported_by_score" ON "comments" ("check_score" DESC, "created_at", "id")
  WHERE "status" IN ('PUBLISHED', 'APPROVED') AND "open_flag_count" > 0;
