-- Every derived count in the database equals what the rows say. Prints one row per check: ok = true.
SELECT 'article comment_count' AS check, bool_and(a.comment_count = coalesce(v.n, 0)) AS ok
FROM articles a LEFT JOIN (SELECT article_id, count(*) AS n FROM comments
  WHERE status IN ('PUBLISHED','APPROVED') AND hidden_ancestors = 0 GROUP BY article_id) v ON v.article_id = a.id
UNION ALL
SELECT 'reply_count', bool_and(c.reply_count = coalesce(r.n, 0))
FROM comments c LEFT JOIN (SELECT parent_id, count(*) AS n FROM comments
  WHERE status IN ('PUBLISHED','APPROVED') AND hidden_ancestors = 0 GROUP BY parent_id) r ON r.parent_id = c.id
UNION ALL
SELECT 'respect_count', bool_and(c.respect_count = coalesce(r.n, 0))
FROM comments c LEFT JOIN (SELECT comment_id, count(*) AS n FROM reactions WHERE kind = 'RESPECT' GROUP BY comment_id) r ON r.comment_id = c.id
UNION ALL
SELECT 'status counters', bool_and(s.count = coalesce(x.n, 0))
FROM comment_status_counts s LEFT JOIN (SELECT article_id, status, decided_at IS NOT NULL AS decided, count(*) AS n FROM comments GROUP BY 1, 2, 3) x
  USING (article_id, status, decided)
UNION ALL
SELECT 'paths', bool_and((c.parent_id IS NULL AND c.path ~ '^[0-9a-f]{10}$') OR (c.parent_id IS NOT NULL AND left(c.path, length(c.path) - 10) = left(p.path, 320)))
FROM comments c LEFT JOIN comments p ON p.id = c.parent_id;
