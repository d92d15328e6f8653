-- CreateEnum
CREATE TYPE "NoteStatus" AS ENUM ('NEEDS_MORE_RATINGS', 'HELPFUL', 'NOT_HELPFUL');

-- CreateEnum
CREATE TYPE "NoteRatingValue" AS ENUM ('HELPFUL', 'SOMEWHAT_HELPFUL', 'NOT_HELPFUL');

-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'NOTES_SCORED';

-- CreateTable
CREATE TABLE "context_notes" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "status" "NoteStatus" NOT NULL DEFAULT 'NEEDS_MORE_RATINGS',
    "intercept" DOUBLE PRECISION,
    "factor" DOUBLE PRECISION,
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "context_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_ratings" (
    "note_id" UUID NOT NULL,
    "rater_id" UUID NOT NULL,
    "value" "NoteRatingValue" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_ratings_pkey" PRIMARY KEY ("note_id","rater_id")
);

-- CreateTable
CREATE TABLE "note_status_changes" (
    "id" BIGSERIAL NOT NULL,
    "note_id" UUID NOT NULL,
    "from_status" "NoteStatus" NOT NULL,
    "to_status" "NoteStatus" NOT NULL,
    "run_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_scoring_runs" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "ratings" INTEGER NOT NULL,
    "notes" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "note_scoring_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "context_notes_comment_id_idx" ON "context_notes"("comment_id");

-- CreateIndex
CREATE INDEX "note_status_changes_note_id_idx" ON "note_status_changes"("note_id");

-- AddForeignKey
ALTER TABLE "note_ratings" ADD CONSTRAINT "note_ratings_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "context_notes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
