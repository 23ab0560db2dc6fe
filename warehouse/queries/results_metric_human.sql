-- How automatic metrics track human ratings: Spearman's rho between each response's metric value and its mean
-- empathy rating (data source $simulated), for the metrics in $metrics, overall or per scenario ($by_scenario).
-- Where the statistics pass estimated a metric and scope, its rho, bootstrap interval and p-value are used as they
-- are; elsewhere rho is computed here (average ranks, Pearson correlation of the ranks) with n for an interval.
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
pass AS (
    SELECT substr(term, length('spearman_') + 1) AS metric, scope, estimate, ci_low, ci_high, p_value, n, suppressed
    FROM v_latest_stat_results
    WHERE analysis = 'metric_human' AND data_source = CASE WHEN $simulated THEN 'simulated' ELSE 'real' END
      AND list_contains($metrics, substr(term, length('spearman_') + 1))
      AND CASE WHEN $by_scenario THEN scope LIKE 'scenario=%' ELSE scope = 'all' END
),
item AS (
    SELECT k.response_id, avg(k.empathy) AS rating,
           CASE WHEN $by_scenario THEN 'scenario=' || any_value(c.scenario_id) ELSE 'all' END AS scope
    FROM kept AS k
    JOIN responses AS r USING (response_id)
    JOIN conversations AS c ON c.conversation_id = r.conversation_id
    GROUP BY k.response_id
),
todo AS (  -- response points of the metrics and scopes the pass did not estimate
    SELECT ms.metric, i.scope, ms.value, i.rating
    FROM item AS i
    JOIN metric_scores AS ms USING (response_id)
    ANTI JOIN (SELECT metric, scope FROM pass WHERE estimate IS NOT NULL) AS done
        ON done.metric = ms.metric AND done.scope = i.scope
    WHERE list_contains($metrics, ms.metric) AND NOT ms.is_missing AND ms.value IS NOT NULL AND i.scope IS NOT NULL
),
rating_rank AS (  -- few distinct mean ratings: rank them once per distinct value (ties get their average rank)
    SELECT metric, scope, rating,
           sum(count(*)) OVER (PARTITION BY metric, scope ORDER BY rating) - (count(*) - 1) / 2.0 AS rank_rating
    FROM todo
    GROUP BY metric, scope, rating
),
ranked AS (  -- metric values: average rank of ties = (lowest rank + highest rank) / 2
    SELECT metric, scope, rank_rating,
           (rank() OVER by_value + cume_dist() OVER by_value * count(*) OVER cell) / 2 AS rank_value
    FROM todo
    JOIN rating_rank USING (metric, scope, rating)
    WINDOW cell AS (PARTITION BY metric, scope), by_value AS (PARTITION BY metric, scope ORDER BY value)
),
here AS (
    SELECT metric, scope, count(*) AS n, corr(rank_value, rank_rating) AS rho FROM ranked GROUP BY metric, scope
)
SELECT metric, scope, coalesce(p.n, h.n) AS n, h.rho AS rho_here, p.estimate AS rho_pass,
       coalesce(p.estimate, h.rho) AS rho, p.ci_low, p.ci_high, p.p_value, coalesce(p.suppressed, false) AS suppressed
FROM here AS h
FULL JOIN pass AS p USING (metric, scope)
ORDER BY metric, scope;
