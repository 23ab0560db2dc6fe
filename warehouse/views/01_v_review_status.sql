-- Latest clinical review per conversation (dataset and live reviews); conversations never reviewed are pending.
CREATE VIEW v_review_status AS
SELECT
    c.conversation_id,
    coalesce(r.status, 'pending') AS review_status,
    r.reviewer,
    r.notes AS review_notes,
    r.edited_reply,
    r.reviewed_at,
    coalesce(n.n_reviews, 0) AS n_reviews
FROM conversations AS c
LEFT JOIN (
    SELECT * FROM v_review_history
    QUALIFY row_number() OVER (PARTITION BY conversation_id ORDER BY reviewed_at DESC, review_id DESC) = 1
) AS r USING (conversation_id)
LEFT JOIN (SELECT conversation_id, count(*) AS n_reviews FROM v_review_history GROUP BY conversation_id) AS n
    USING (conversation_id);
COMMENT ON VIEW v_review_status IS 'Latest clinical review per conversation; conversations never reviewed are pending.';
COMMENT ON COLUMN v_review_status.review_status IS 'Latest review status: pending (never reviewed), approved, flagged or edited.';
COMMENT ON COLUMN v_review_status.review_notes IS 'Notes of the latest review.';
COMMENT ON COLUMN v_review_status.n_reviews IS 'How many review events the conversation has had.';
