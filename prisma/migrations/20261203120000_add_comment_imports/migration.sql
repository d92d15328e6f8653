-- AlterTable
ALTER TABLE "users" ADD COLUMN     "placeholder" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "import_articles" (
    "source" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "article_id" UUID,
    "created" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "import_articles_pkey" PRIMARY KEY ("source","source_id")
);

-- CreateTable
CREATE TABLE "import_authors" (
    "source" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "user_id" UUID,
    "created" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "import_authors_pkey" PRIMARY KEY ("source","key")
);

-- CreateTable
CREATE TABLE "import_comments" (
    "source" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "article_source_id" TEXT NOT NULL,
    "parent_source_id" TEXT,
    "author_key" TEXT,
    "status" "CommentStatus",
    "body_source" TEXT,
    "body_html" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "depth" INTEGER,
    "comment_id" UUID,
    "skip_reason" TEXT,

    CONSTRAINT "import_comments_pkey" PRIMARY KEY ("source","source_id")
);

-- CreateIndex
CREATE INDEX "import_authors_user_id_idx" ON "import_authors"("user_id");

-- CreateIndex
CREATE INDEX "import_comments_source_parent_source_id_idx" ON "import_comments"("source", "parent_source_id");

-- AddForeignKey
ALTER TABLE "import_authors" ADD CONSTRAINT "import_authors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added ------------------------------------------------------------------------------------

-- The comments an import still has to write, in the order it writes them: level by level, and
-- within a level by time, so siblings get increasing path segments in the order they were made.
-- Written and skipped rows leave the index, so a resumed run starts where the last one stopped.
CREATE INDEX "import_comments_to_write" ON "import_comments" ("source", "depth", "created_at", "source_id")
  WHERE "comment_id" IS NULL AND "skip_reason" IS NULL;

-- Authors still owed an account: those with comments not yet written.
CREATE INDEX "import_comments_unwritten_by_author" ON "import_comments" ("source", "author_key")
  WHERE "comment_id" IS NULL;
