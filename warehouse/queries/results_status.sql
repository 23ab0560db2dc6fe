-- What the results pages can show: responses, scores, ratings of each data source, findings, training logs.
SELECT
    (SELECT count(*) FROM responses) AS n_responses,
    (SELECT count(DISTINCT response_id) FROM metric_scores) AS n_scored,
    (SELECT count(DISTINCT (model_id, mode)) FROM runs WHERE run_id IN (SELECT run_id FROM responses)) AS n_systems,
    (SELECT count(*) FROM v_ratings_all WHERE is_simulated) AS n_simulated_ratings,
    (SELECT count(*) FROM v_ratings_all WHERE NOT is_simulated) AS n_real_ratings,
    (SELECT count(DISTINCT rater_id) FROM v_ratings_all WHERE is_simulated) AS n_simulated_raters,
    (SELECT count(DISTINCT rater_id) FROM v_ratings_all WHERE NOT is_simulated) AS n_real_raters,
    (SELECT count(*) FROM models WHERE weights_source = 'synthetic_variant') AS n_synthetic_systems,
    (SELECT count(*) FROM training_log) AS n_training_rows,
    (SELECT count(*) FROM v_latest_findings) AS n_findings;
