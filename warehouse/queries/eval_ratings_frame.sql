-- Ratings of one data source ($simulated) with rater demographics and exclusion flags; with $panel_id, only that
-- simulated panel's ratings. Real ratings are the imported ones plus the Rate page's live study ratings.
SELECT rating_id, rater_id, response_id, empathy, emotion_recognition, distress_normalization,
       supportive_reflection, seconds_spent, attention_check_passed, age_band, gender, education, consent,
       bool_or(NOT coalesce(attention_check_passed, true)) OVER (PARTITION BY rater_id) AS rater_failed_check
FROM v_ratings_all
WHERE is_simulated = $simulated AND ($panel_id IS NULL OR panel_id = $panel_id)
ORDER BY rating_id;
