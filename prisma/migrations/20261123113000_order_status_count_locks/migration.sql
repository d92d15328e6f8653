-- The status-count trigger moved a comment's count from its old (status, decided) row to its new
-- one by locking the old row first. Two transactions moving comments of one article (or author)
-- in opposite directions at once (say a rejection and an overturned appeal) then locked the same
-- two rows in opposite orders and one of them died in a deadlock. The rows of a transition are
-- now always locked in one order: the article's two rows in (status, decided) order, then the
-- author's two rows in status order. Inserts and deletes touch one row of each, article first.
CREATE OR REPLACE FUNCTION "comment_status_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key_first boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "comment_status_counts" ("article_id", "status", "decided", "count")
    VALUES (NEW."article_id", NEW."status", NEW."decided_at" IS NOT NULL, 1)
    ON CONFLICT ("article_id", "status", "decided") DO UPDATE SET "count" = "comment_status_counts"."count" + 1;
    INSERT INTO "user_comment_counts" ("user_id", "status", "count") VALUES (NEW."author_id", NEW."status", 1)
    ON CONFLICT ("user_id", "status") DO UPDATE SET "count" = "user_comment_counts"."count" + 1;
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    UPDATE "comment_status_counts" SET "count" = "count" - 1
    WHERE "article_id" = OLD."article_id" AND "status" = OLD."status" AND "decided" = (OLD."decided_at" IS NOT NULL);
    UPDATE "user_comment_counts" SET "count" = "count" - 1 WHERE "user_id" = OLD."author_id" AND "status" = OLD."status";
    RETURN NULL;
  END IF;

  -- UPDATE: the article's rows, in (status, decided) order.
  old_key_first := (OLD."status", OLD."decided_at" IS NOT NULL) < (NEW."status", NEW."decided_at" IS NOT NULL);
  IF old_key_first THEN
    UPDATE "comment_status_counts" SET "count" = "count" - 1
    WHERE "article_id" = OLD."article_id" AND "status" = OLD."status" AND "decided" = (OLD."decided_at" IS NOT NULL);
  END IF;
  INSERT INTO "comment_status_counts" ("article_id", "status", "decided", "count")
  VALUES (NEW."article_id", NEW."status", NEW."decided_at" IS NOT NULL, 1)
  ON CONFLICT ("article_id", "status", "decided") DO UPDATE SET "count" = "comment_status_counts"."count" + 1;
  IF NOT old_key_first THEN
    UPDATE "comment_status_counts" SET "count" = "count" - 1
    WHERE "article_id" = OLD."article_id" AND "status" = OLD."status" AND "decided" = (OLD."decided_at" IS NOT NULL);
  END IF;

  -- Then the author's rows, in status order (only when the status changed).
  IF OLD."status" IS DISTINCT FROM NEW."status" THEN
    IF OLD."status" < NEW."status" THEN
      UPDATE "user_comment_counts" SET "count" = "count" - 1 WHERE "user_id" = OLD."author_id" AND "status" = OLD."status";
    END IF;
    INSERT INTO "user_comment_counts" ("user_id", "status", "count") VALUES (NEW."author_id", NEW."status", 1)
    ON CONFLICT ("user_id", "status") DO UPDATE SET "count" = "user_comment_counts"."count" + 1;
    IF OLD."status" > NEW."status" THEN
      UPDATE "user_comment_counts" SET "count" = "count" - 1 WHERE "user_id" = OLD."author_id" AND "status" = OLD."status";
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
