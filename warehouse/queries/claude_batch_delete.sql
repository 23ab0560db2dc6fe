-- Forget a batch whose create call never reached the API (its requests go back to pending).
DELETE FROM claude_batches WHERE batch_id = $batch_id;
