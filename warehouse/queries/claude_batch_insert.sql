-- Record a batch about to be sent (state creating, a local id) or sent.
INSERT INTO claude_batches (batch_id, build_key, state, n_requests, created_at)
VALUES ($batch_id, $build_key, $state, $n_requests, $created_at);
