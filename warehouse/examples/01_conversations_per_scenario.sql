-- How many conversations each scenario has, how many carry risk language, and the factor-order mix.
SELECT scenario_id, n_conversations, n_risk, round(share_validates_first, 2) AS share_validates_first
FROM v_dataset_by_scenario
ORDER BY n_conversations DESC;
