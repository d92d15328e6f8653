-- CreateEnum
CREATE TYPE "CommentStatus" AS ENUM ('PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD', 'REJECTED', 'DELETED');

-- CreateEnum
CREATE TYPE "ReactionKind" AS ENUM ('RESPECT', 'DISAGREE');

-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "comment_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "comments" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "parent_id" UUID,
    "root_id" UUID NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "path" TEXT NOT NULL,
    "status" "CommentStatus" NOT NULL,
    "body_source" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "edited_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reply_count" INTEGER NOT NULL DEFAULT 0,
    "respect_count" INTEGER NOT NULL DEFAULT 0,
    "disagree_count" INTEGER NOT NULL DEFAULT 0,
    "hidden_ancestors" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_revisions" (
    "comment_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "body_source" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_revisions_pkey" PRIMARY KEY ("comment_id","revision")
);

-- CreateTable
CREATE TABLE "reactions" (
    "comment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "ReactionKind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reactions_pkey" PRIMARY KEY ("comment_id","user_id","kind")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id","key")
);

-- CreateIndex
CREATE INDEX "comments_parent_id_path_idx" ON "comments"("parent_id", "path");

-- CreateIndex
CREATE INDEX "comments_author_id_created_at_idx" ON "comments"("author_id", "created_at");

-- CreateIndex
CREATE INDEX "reactions_user_id_comment_id_idx" ON "reactions"("user_id", "comment_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_revisions" ADD CONSTRAINT "comment_revisions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added ------------------------------------------------------------------------------------

-- Thread order compares paths byte by byte, whatever the database's default collation.
ALTER TABLE "comments" ALTER COLUMN "path" TYPE TEXT COLLATE "C";

-- Path segments: ten hex digits of a global sequence, so siblings sort by creation.
CREATE SEQUENCE "comment_path_seq";

ALTER TABLE "comments" ADD CONSTRAINT "comments_shape" CHECK (
  "depth" >= 0
  AND ("parent_id" IS NULL) = ("depth" = 0)
  AND ("parent_id" IS NOT NULL OR "root_id" = "id")
  AND "reply_count" >= 0 AND "respect_count" >= 0 AND "disagree_count" >= 0 AND "hidden_ancestors" >= 0
  AND "revision" >= 1
);
ALTER TABLE "articles" ADD CONSTRAINT "articles_comment_count_nonnegative" CHECK ("comment_count" >= 0);

-- Top-level comments of a thread page, one index per sort order. Only rows a reader can see in
-- place: visible ones, and held or deleted ones kept as placeholders because they have replies.
CREATE INDEX "comments_top_by_time" ON "comments" ("article_id", "created_at", "id")
  WHERE "parent_id" IS NULL AND ("status" IN ('PUBLISHED', 'APPROVED') OR "reply_count" > 0);
CREATE INDEX "comments_top_by_replies" ON "comments" ("article_id", "reply_count", "created_at", "id")
  WHERE "parent_id" IS NULL AND ("status" IN ('PUBLISHED', 'APPROVED') OR "reply_count" > 0);
CREATE INDEX "comments_top_by_respect" ON "comments" ("article_id", "respect_count", "created_at", "id")
  WHERE "parent_id" IS NULL AND ("status" IN ('PUBLISHED', 'APPROVED') OR "reply_count" > 0);

-- Replies of a thread in thread order (depth-first, siblings by time).
CREATE INDEX "comments_thread_order" ON "comments" ("root_id", "path") WHERE "parent_id" IS NOT NULL;
