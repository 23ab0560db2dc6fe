-- Metrics with at least one value, with how many responses have one.
SELECT metric, count(*) AS n_responses
FROM metric_scores
WHERE NOT is_missing AND value IS NOT NULL
GROUP BY metric
ORDER BY metric;
