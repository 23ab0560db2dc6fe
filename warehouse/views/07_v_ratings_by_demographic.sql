-- Mean perceived empathy by model, mode and rater demographic (long format), with cell sizes.
CREATE VIEW v_ratings_by_demographic AS
WITH long AS (
    UNPIVOT (SELECT model_id, mode, empathy, is_simulated, rater_age_band, rater_gender, rater_education
             FROM v_rated_responses)
    ON rater_age_band, rater_gender, rater_education
    INTO NAME dimension VALUE level
)
SELECT
    model_id, mode, replace(dimension, 'rater_', '') AS dimension, level,
    count(*) AS n_ratings,
    avg(empathy) AS mean_empathy,
    stddev_samp(empathy) AS sd_empathy,
    avg(is_simulated::INTEGER) AS share_simulated
FROM long
GROUP BY ALL;
COMMENT ON VIEW v_ratings_by_demographic IS 'Mean perceived empathy by model, mode and rater demographic (long format), with cell sizes.';
