-- Fine-tuned minus zero-shot, paired by conversation, per model (and per scenario when $by_scenario): the mean
-- and sd of the per-conversation differences and the number of pairs, for a t interval. The measure ($metric) is
-- 'empathy' (mean human rating of the response, data source $simulated) or a metric_scores metric; $scenario
-- restricts to one scenario (NULL = all).
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
value AS (
    SELECT response_id, avg(empathy) AS v FROM kept WHERE $metric = 'empathy' GROUP BY response_id
    UNION ALL
    SELECT response_id, value FROM metric_scores WHERE metric = $metric AND NOT is_missing AND value IS NOT NULL
),
per_conversation AS (
    SELECT ru.model_id, r.conversation_id, c.scenario_id,
           avg(v.v) FILTER (WHERE ru.mode = 'zero_shot') AS zs,
           avg(v.v) FILTER (WHERE ru.mode = 'fine_tuned') AS ft
    FROM value AS v
    JOIN responses AS r USING (response_id)
    JOIN runs AS ru USING (run_id)
    JOIN conversations AS c ON c.conversation_id = r.conversation_id
    WHERE ru.mode IN ('zero_shot', 'fine_tuned') AND ($scenario IS NULL OR c.scenario_id = $scenario)
    GROUP BY ru.model_id, r.conversation_id, c.scenario_id
)
SELECT p.model_id, any_value(m.display_name) AS display_name, any_value(m.params_millions) AS params_millions,
       CASE WHEN $by_scenario THEN p.scenario_id END AS scenario_id,
       count(*) AS n_pairs, avg(p.zs) AS zero_shot_mean, avg(p.ft) AS fine_tuned_mean,
       avg(p.ft - p.zs) AS gain_mean, stddev_samp(p.ft - p.zs) AS gain_sd
FROM per_conversation AS p
JOIN models AS m USING (model_id)
WHERE p.zs IS NOT NULL AND p.ft IS NOT NULL
GROUP BY p.model_id, CASE WHEN $by_scenario THEN p.scenario_id END
ORDER BY params_millions NULLS LAST, p.model_id, scenario_id;
