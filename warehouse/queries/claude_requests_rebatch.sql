-- Move the requests of a batch to its API id (after the create call answered).
UPDATE claude_requests SET batch_id = $batch_id WHERE batch_id = $local_id AND state = 'in_batch';
