-- What the dashboard's live pages have recorded so far (Rate, Chat demo, Review), read from the live_* views.
SELECT
    (SELECT count(*) FROM live_raters WHERE role = 'rater') AS n_study_raters,
    (SELECT count(*) FROM live_ratings WHERE context = 'study' AND NOT coalesce(is_attention_check, false))
        AS n_study_ratings,
    (SELECT count(*) FROM live_raters WHERE role = 'clinician') AS n_clinicians,
    (SELECT count(*) FROM live_ratings WHERE context = 'chat') AS n_chat_ratings,
    (SELECT count(*) FROM live_preferences) AS n_preferences,
    (SELECT count(*) FROM live_reviews) AS n_reviews,
    (SELECT count(*) FROM live_crisis_events) AS n_crisis_events;
