-- Per system (model and mode): mean human empathy rating over rated responses (a response counts once, as the
-- mean of its ratings) and the mean of one metric ($metric) over scored responses, with sd and n for intervals.
-- $simulated picks the data source (true: the latest simulated panel; false: imported and Rate-page live ratings);
-- $scenario restricts to one scenario (NULL = all).
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
item AS (SELECT response_id, avg(empathy) AS m, count(*) AS k FROM kept GROUP BY response_id),
score AS (
    SELECT response_id, value FROM metric_scores WHERE metric = $metric AND NOT is_missing AND value IS NOT NULL
)
SELECT ru.model_id, any_value(m.display_name) AS display_name,
       any_value(m.display_name) || ' · ' || replace(ru.mode, '_', '-') AS system,
       any_value(m.params_millions) AS params_millions,
       any_value(m.weights_source) AS weights_source, ru.mode,
       count(*) AS n_responses,
       count(item.m) AS n_rated_items, coalesce(sum(item.k), 0)::BIGINT AS n_ratings,
       avg(item.m) AS rating_mean, stddev_samp(item.m) AS rating_sd,
       count(score.value) AS n_scored, avg(score.value) AS metric_mean, stddev_samp(score.value) AS metric_sd
FROM responses AS r
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c ON c.conversation_id = r.conversation_id
LEFT JOIN item USING (response_id)
LEFT JOIN score USING (response_id)
WHERE ($scenario IS NULL OR c.scenario_id = $scenario)
GROUP BY ru.model_id, ru.mode
ORDER BY rating_mean DESC NULLS LAST, metric_mean DESC NULLS LAST;
