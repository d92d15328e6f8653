-- The repeat-post check (same author, same text within the window) ran before the insert, so
-- identical comments an author sent at once all passed it: 3 of 30 were published. The comment
-- insert now calls this function first. It takes a transaction-level advisory lock per author
-- (held until the insert commits), so one author's inserts take turns; being VOLATILE, its
-- query runs on a fresh snapshot taken after the lock is granted, so it sees the comment the
-- previous holder committed (the insert statement's own snapshot, taken before the wait, does
-- not). Different authors never wait for each other (unless their ids' hashes collide).
-- Key space: (7105002, hashtext(author)) in the two-int4 advisory lock space.
CREATE FUNCTION "comment_repeat_guard"(author uuid, body text, window_seconds integer)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7105002, hashtext(author::text));
  -- md5 as in the posting context query, so that no plan takes the trigram index for it.
  RETURN EXISTS (
    SELECT 1 FROM "comments"
    WHERE "author_id" = author AND "created_at" > now() - make_interval(secs => window_seconds)
      AND md5("body_source") = md5(body) AND "status" <> 'DELETED');
END
$$;
