-- The latest review events across all conversations: who reviewed which conversation, when, and the verdict.
SELECT reviewed_at, conversation_id, status, reviewer, notes, stored_in
FROM v_review_history
ORDER BY reviewed_at DESC, review_id DESC
LIMIT $limit;
