-- Mark a batch's results as applied, with the API's final request counts.
UPDATE claude_batches SET state = 'applied', applied_at = $applied_at, request_counts = $request_counts
WHERE batch_id = $batch_id;
