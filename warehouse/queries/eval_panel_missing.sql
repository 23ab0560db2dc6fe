-- How many scored responses the panel's blind codes do not cover (0: the panel covers them all).
SELECT count(*) FROM (SELECT DISTINCT response_id FROM metric_scores) AS s
WHERE s.response_id NOT IN (SELECT response_id FROM blind_codes WHERE study_id = $panel_id);
