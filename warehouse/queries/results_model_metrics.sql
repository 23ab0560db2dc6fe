-- Every automatic metric and the mean human empathy rating (metric 'empathy': a response counts once, as the mean
-- of its ratings) per model and mode, long format, with sd and n (responses) for intervals.
-- $simulated picks the ratings' data source; $scenario restricts to one scenario (NULL = all).
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
value AS (
    SELECT response_id, metric, value FROM metric_scores WHERE NOT is_missing AND value IS NOT NULL
    UNION ALL
    SELECT response_id, 'empathy', avg(empathy) FROM kept GROUP BY response_id
)
SELECT ru.model_id, any_value(m.display_name) AS display_name, any_value(m.params_millions) AS params_millions,
       ru.mode, v.metric, count(*) AS n, avg(v.value) AS mean, stddev_samp(v.value) AS sd
FROM value AS v
JOIN responses AS r USING (response_id)
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c ON c.conversation_id = r.conversation_id
WHERE ($scenario IS NULL OR c.scenario_id = $scenario)
GROUP BY ru.model_id, ru.mode, v.metric
ORDER BY params_millions NULLS LAST, ru.model_id, v.metric, ru.mode;
