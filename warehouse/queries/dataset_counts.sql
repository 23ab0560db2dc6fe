-- Headline counts of the dataset.
SELECT
    (SELECT count(*) FROM personas) AS n_personas,
    (SELECT count(*) FROM conversations) AS n_conversations,
    (SELECT count(DISTINCT scenario_id) FROM conversations) AS n_scenarios,
    (SELECT count(*) FROM conversations WHERE is_risk) AS n_risk,
    (SELECT avg(validates_first::INTEGER) FROM conversations) AS share_validates_first,
    (SELECT bool_or(is_synthetic) FROM personas) AS any_synthetic,
    (SELECT count(*) FROM v_review_status WHERE review_status <> 'pending') AS n_reviewed;
