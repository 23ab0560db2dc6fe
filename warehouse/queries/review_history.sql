-- Every review of one conversation, newest first (dataset reviews and live reviews from the dashboard).
SELECT reviewed_at, status, reviewer, notes, edited_reply, stored_in, review_id
FROM v_review_history
WHERE conversation_id = $conversation_id
ORDER BY reviewed_at DESC, review_id DESC;
