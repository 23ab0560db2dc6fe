-- Mean perceived empathy by model, mode and scenario, with cell sizes and the simulated share.
CREATE VIEW v_ratings_by_scenario AS
SELECT
    model_id, mode, scenario_id,
    count(*) AS n_ratings,
    avg(empathy) AS mean_empathy,
    stddev_samp(empathy) AS sd_empathy,
    avg(is_simulated::INTEGER) AS share_simulated
FROM v_rated_responses
GROUP BY ALL;
COMMENT ON VIEW v_ratings_by_scenario IS 'Mean perceived empathy by model, mode and scenario, with cell sizes and the simulated share.';
COMMENT ON COLUMN v_ratings_by_scenario.n_ratings IS 'Number of ratings in the cell (small cells are unreliable).';
COMMENT ON COLUMN v_ratings_by_scenario.mean_empathy IS 'Mean overall empathy rating (1-5).';
COMMENT ON COLUMN v_ratings_by_scenario.sd_empathy IS 'Standard deviation of the empathy rating.';
COMMENT ON COLUMN v_ratings_by_scenario.share_simulated IS 'Share of the cell''s ratings that are simulated (1 = all simulated).';
