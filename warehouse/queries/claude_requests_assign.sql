-- Put pending requests into a batch (counting the attempt).
UPDATE claude_requests SET state = 'in_batch', batch_id = $batch_id, attempts = attempts + 1, updated_at = $now
WHERE list_contains($conversation_ids, conversation_id) AND state = 'pending';
