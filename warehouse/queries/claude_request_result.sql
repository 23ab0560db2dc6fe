-- A request's outcome after its batch result was checked.
UPDATE claude_requests SET state = $state, last_reason = $last_reason, retry_reason = $retry_reason, updated_at = $now
WHERE conversation_id = $conversation_id;
