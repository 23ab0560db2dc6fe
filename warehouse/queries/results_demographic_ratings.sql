-- Mean human empathy rating by one rater attribute ($dimension: age_band, education or gender), split by a reply
-- feature ($feature: validates_first, layered or none), for one model and mode (NULL = any). Each rater counts
-- once per cell, as the mean of their ratings there, so the sd and n (raters) give an honest interval.
-- For validates_first only replies with all three empathy factors are compared (order means nothing otherwise).
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
feat AS (
    SELECT response_id,
           max(value) FILTER (WHERE metric = 'validates_first') AS validates_first,
           max(value) FILTER (WHERE metric = 'layered') AS layered,
           max(value) FILTER (WHERE metric = 'n_factors') AS n_factors
    FROM metric_scores
    WHERE metric IN ('validates_first', 'layered', 'n_factors')
    GROUP BY response_id
),
cells AS (
    SELECT CASE $dimension WHEN 'age_band' THEN k.age_band WHEN 'education' THEN k.education
                            WHEN 'gender' THEN k.gender END AS level,
           CASE $feature
                WHEN 'validates_first' THEN CASE WHEN f.validates_first = 1 THEN 'validates first'
                                                 ELSE 'supports first' END
                WHEN 'layered' THEN CASE WHEN f.layered = 1 THEN 'layered' ELSE 'not layered' END
                ELSE 'all replies' END AS reply_group,
           k.rater_id, k.empathy
    FROM kept AS k
    JOIN responses AS r USING (response_id)
    JOIN runs AS ru USING (run_id)
    LEFT JOIN feat AS f USING (response_id)
    WHERE ($model_id IS NULL OR ru.model_id = $model_id) AND ($mode IS NULL OR ru.mode = $mode)
      AND ($feature <> 'validates_first' OR f.n_factors = 3)
),
per_rater AS (
    SELECT level, reply_group, rater_id, avg(empathy) AS m, count(*) AS k FROM cells GROUP BY ALL
)
SELECT coalesce(level, 'not stated') AS level, reply_group, count(*) AS n_raters, sum(k)::BIGINT AS n_ratings,
       avg(m) AS mean, stddev_samp(m) AS sd
FROM per_rater
GROUP BY ALL
ORDER BY level, reply_group;
