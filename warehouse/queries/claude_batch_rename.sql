-- The API's id for a batch recorded under a local id while its create call was in flight.
UPDATE claude_batches SET batch_id = $batch_id, state = 'in_progress' WHERE batch_id = $local_id;
