-- Return the requests of a batch that never reached the API to pending (the attempt is not counted).
UPDATE claude_requests SET state = 'pending', batch_id = NULL, attempts = attempts - 1, updated_at = $now
WHERE batch_id = $batch_id AND state = 'in_batch';
