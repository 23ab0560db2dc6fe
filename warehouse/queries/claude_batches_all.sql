-- Every batch of a Claude build, oldest first.
SELECT batch_id, state, n_requests, created_at, applied_at, request_counts FROM claude_batches
WHERE build_key = $build_key ORDER BY created_at, batch_id;
