-- Progress of a Claude build: conversations done, rejected, waiting, and requests retried; the cost so far.
SELECT
    count(*) FILTER (WHERE r.state = 'done') AS done,
    count(*) FILTER (WHERE r.state = 'rejected') AS rejected,
    count(*) FILTER (WHERE r.state IN ('pending', 'in_batch')) AS open,
    count(*) AS total,
    (SELECT count(*) FROM claude_attempts a JOIN claude_requests q USING (conversation_id)
     WHERE a.outcome = 'retry' AND q.build_key = $build_key) AS retried,
    (SELECT coalesce(sum(a.cost_usd), 0) FROM claude_attempts a JOIN claude_requests q USING (conversation_id)
     WHERE q.build_key = $build_key) AS cost_usd
FROM claude_requests r WHERE r.build_key = $build_key;
