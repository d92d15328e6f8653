-- Until now a moderator could restore a rejected comment while its author's appeal was still
-- open, and the appeal stayed open: a later "uphold" then left the restored comment visible.
-- Deciding a comment now settles its open appeal. Appeals left open on comments that are no
-- longer rejected are settled here the same way: overturned, by the moderator of the comment's
-- latest decision, at that decision's time. Running it again changes nothing.
UPDATE "appeals" a
SET "status" = 'OVERTURNED',
    "decided_by_id" = d."moderator_id",
    "decided_at" = d."created_at",
    "outcome_note" = 'Settled: the comment was restored while the appeal was open.'
FROM "comments" c
CROSS JOIN LATERAL (
  SELECT "moderator_id", "created_at" FROM "moderation_decisions"
  WHERE "comment_id" = c."id" ORDER BY "created_at" DESC LIMIT 1
) d
WHERE a."status" = 'OPEN' AND c."id" = a."comment_id" AND c."status" <> 'REJECTED';

UPDATE "comments" c SET "appeal_open" = false
WHERE c."appeal_open" AND NOT EXISTS (SELECT 1 FROM "appeals" a WHERE a."comment_id" = c."id" AND a."status" = 'OPEN');
