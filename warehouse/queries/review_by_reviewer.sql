-- Who reviewed what: review events per reviewer and status, with distinct conversations and the latest review.
SELECT reviewer,
       count(*) AS n_reviews,
       count(DISTINCT conversation_id) AS n_conversations,
       count(*) FILTER (WHERE status = 'approved') AS n_approved,
       count(*) FILTER (WHERE status = 'flagged') AS n_flagged,
       count(*) FILTER (WHERE status = 'edited') AS n_edited,
       max(reviewed_at) AS last_review
FROM v_review_history
GROUP BY reviewer
ORDER BY n_reviews DESC, reviewer;
