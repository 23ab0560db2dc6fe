-- Per response: mean human empathy rating (data source $simulated) against one metric ($metric), for a scatter;
-- at most $limit responses, a stable pseudo-random sample (by hash of the id), with the total in n_total.
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
item AS (SELECT response_id, avg(empathy) AS mean_rating, count(*) AS n_ratings FROM kept GROUP BY response_id)
SELECT i.response_id, m.display_name || ' · ' || replace(ru.mode, '_', '-') AS system, ru.mode, c.scenario_id,
       i.mean_rating, i.n_ratings, ms.value,
       count(*) OVER () AS n_total
FROM item AS i
JOIN metric_scores AS ms USING (response_id)
JOIN responses AS r USING (response_id)
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c ON c.conversation_id = r.conversation_id
WHERE ms.metric = $metric AND NOT ms.is_missing AND ms.value IS NOT NULL
  AND ($scenario IS NULL OR c.scenario_id = $scenario)
ORDER BY hash(i.response_id)
LIMIT $limit;
