-- Issue 17: notes that follow claims, readers' requests for context, external fact-checks, and
-- the desk's resolution of misinformation reports (audited).

-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'MISINFO_REPORTS_RESOLVED';
ALTER TYPE "AuditKind" ADD VALUE 'CLAIM_EXTERNAL_REVIEW_SET';

-- A claim can cite an external fact-check instead of a verdict of its own: all four columns or none.
ALTER TABLE "claims" ADD COLUMN "external_review_url" TEXT,
ADD COLUMN "external_review_publisher" TEXT,
ADD COLUMN "external_review_rating" TEXT,
ADD COLUMN "external_review_at" TIMESTAMPTZ(3);
ALTER TABLE "claims" ADD CONSTRAINT "claims_external_review_whole"
  CHECK (num_nulls("external_review_url", "external_review_publisher", "external_review_rating", "external_review_at") IN (0, 4));

-- A note is on a comment or on a claim, never both, never neither.
ALTER TABLE "context_notes" ALTER COLUMN "comment_id" DROP NOT NULL,
ADD COLUMN "claim_id" UUID;
ALTER TABLE "context_notes" ADD CONSTRAINT "context_notes_one_target" CHECK (num_nonnulls("comment_id", "claim_id") = 1);

-- CreateTable
CREATE TABLE "context_requests" (
    "comment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "context_requests_pkey" PRIMARY KEY ("comment_id","user_id")
);

-- CreateIndex
CREATE INDEX "context_requests_user_id_idx" ON "context_requests"("user_id");

-- CreateIndex
CREATE INDEX "context_notes_claim_id_idx" ON "context_notes"("claim_id");

-- AddForeignKey
ALTER TABLE "context_notes" ADD CONSTRAINT "context_notes_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "context_requests" ADD CONSTRAINT "context_requests_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
