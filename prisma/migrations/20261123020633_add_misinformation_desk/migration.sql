-- pg_trgm finds comments that repeat a claim. Both the embedded server and PostgreSQL's contrib
-- packages ship it; Parley checks it is available before migrating (src/database/prepare-database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('UNVERIFIED', 'DISPUTED', 'CONFIRMED', 'FALSE', 'MISLEADING', 'OUTDATED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditKind" ADD VALUE 'CLAIM_CREATED';
ALTER TYPE "AuditKind" ADD VALUE 'CLAIM_LINKED';
ALTER TYPE "AuditKind" ADD VALUE 'CLAIM_UNLINKED';
ALTER TYPE "AuditKind" ADD VALUE 'VERDICT_ISSUED';
ALTER TYPE "AuditKind" ADD VALUE 'COMMENT_LABELLED';

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "labeled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "claims" (
    "id" UUID NOT NULL,
    "statement" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_verdict_id" UUID,
    "review_by" TIMESTAMPTZ(3),

    CONSTRAINT "claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_verdicts" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "summary" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_verdicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_comments" (
    "claim_id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "linked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_comments_pkey" PRIMARY KEY ("claim_id","comment_id")
);

-- CreateTable
CREATE TABLE "comment_labels" (
    "comment_id" UUID NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "summary" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_labels_pkey" PRIMARY KEY ("comment_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "claims_current_verdict_id_key" ON "claims"("current_verdict_id");

-- CreateIndex
CREATE INDEX "claims_review_by_idx" ON "claims"("review_by");

-- CreateIndex
CREATE UNIQUE INDEX "claim_verdicts_claim_id_version_key" ON "claim_verdicts"("claim_id", "version");

-- CreateIndex
CREATE INDEX "claim_comments_comment_id_idx" ON "claim_comments"("comment_id");

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_current_verdict_id_fkey" FOREIGN KEY ("current_verdict_id") REFERENCES "claim_verdicts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_verdicts" ADD CONSTRAINT "claim_verdicts_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_comments" ADD CONSTRAINT "claim_comments_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added: trigram index so that proposals for a claim are an index search, not a scan.
CREATE INDEX "comments_body_trgm" ON "comments" USING gin ("body_source" gin_trgm_ops);
ALTER TABLE "claim_verdicts" ADD CONSTRAINT "claim_verdicts_version_positive" CHECK ("version" >= 1);
