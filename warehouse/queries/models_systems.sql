-- Generation runs (split test) with their model and response counts: the systems the evaluation compares.
SELECT r.run_id, r.model_id, m.display_name, m.family, m.params_millions, m.is_from_scratch, r.mode,
       r.adapter_path, r.status, r.started_at, r.finished_at, count(x.response_id) AS n_responses,
       avg(x.latency_ms) AS mean_latency_ms, avg(x.completion_tokens) AS mean_completion_tokens
FROM runs AS r
JOIN models AS m USING (model_id)
LEFT JOIN responses AS x USING (run_id)
WHERE r.split = 'test'
GROUP BY ALL
ORDER BY m.params_millions, r.model_id, r.mode
