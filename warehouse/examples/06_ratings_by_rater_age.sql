-- Mean perceived empathy by rater age band, model and mode, with cell sizes; empty until ratings exist.
SELECT rater_age_band, model_id, mode, count(*) AS n_ratings, avg(empathy) AS mean_empathy,
       bool_or(is_simulated) AS any_simulated
FROM v_rated_responses
GROUP BY ALL
ORDER BY rater_age_band, model_id, mode;
