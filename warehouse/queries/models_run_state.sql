-- A run's status and how many responses it holds (resumable generation and the models stage's reuse check).
SELECT r.run_id, r.status, r.mode, r.adapter_path, count(x.response_id) AS n_responses
FROM runs AS r
LEFT JOIN responses AS x USING (run_id)
WHERE r.run_id = $run_id
GROUP BY ALL
