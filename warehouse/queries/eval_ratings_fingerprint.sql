-- Cheap content hashes of one data source's ratings and of the metric scores they are analysed with.
SELECT (SELECT count(*) || ':' || coalesce(sum(hash(rating_id, empathy, emotion_recognition,
                distress_normalization, supportive_reflection, attention_check_passed)), 0)
        FROM v_ratings_all
        WHERE is_simulated = $simulated AND ($panel_id IS NULL OR panel_id = $panel_id)),
       (SELECT count(*) || ':' || coalesce(sum(hash(response_id, metric, value)), 0) FROM metric_scores);
