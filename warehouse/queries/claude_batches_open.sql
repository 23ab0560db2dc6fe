-- Batches of a Claude build whose results are not applied yet, oldest first.
SELECT batch_id, state, n_requests, created_at FROM claude_batches
WHERE build_key = $build_key AND state <> 'applied' ORDER BY created_at, batch_id;
