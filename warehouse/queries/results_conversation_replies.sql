-- One conversation's client message and reference reply, and every system's reply to it with its mean human
-- rating (data source $simulated) and MiniLM cosine to the reference.
WITH panel AS (
    SELECT panel_id FROM rater_panels WHERE purpose = 'default_study' ORDER BY created_at DESC, panel_id DESC LIMIT 1
),
kept AS (  -- the ratings the statistics pass uses: one data source, consented raters, no failed attention check
    SELECT rt.response_id, rt.rater_id, rt.empathy, ra.age_band, ra.gender, ra.education
    FROM ratings AS rt
    JOIN raters AS ra USING (rater_id)
    WHERE rt.is_simulated = $simulated AND rt.empathy IS NOT NULL AND ra.consent
      AND (NOT $simulated OR ra.panel_id = (SELECT panel_id FROM panel))
      AND rt.rater_id NOT IN (SELECT rater_id FROM ratings WHERE attention_check_passed = false)
),
replies AS (
    SELECT r.response_id, r.response_text, ru.model_id, ru.mode
    FROM responses AS r JOIN runs AS ru USING (run_id)
    WHERE r.conversation_id = $conversation_id
),
rated AS (
    SELECT response_id, avg(empathy) AS mean_rating, count(*) AS n_ratings
    FROM kept WHERE response_id IN (SELECT response_id FROM replies) GROUP BY response_id
)
SELECT c.conversation_id, c.scenario_id, c.client_message, c.reference_reply, p.model_id, m.display_name,
       m.params_millions, p.mode, p.response_text, rated.mean_rating, coalesce(rated.n_ratings, 0) AS n_ratings,
       ms.value AS cosine_minilm
FROM conversations AS c
JOIN replies AS p ON true
JOIN models AS m USING (model_id)
LEFT JOIN rated USING (response_id)
LEFT JOIN metric_scores AS ms ON ms.response_id = p.response_id AND ms.metric = 'cosine_minilm'
WHERE c.conversation_id = $conversation_id
ORDER BY m.params_millions NULLS LAST, p.model_id, p.mode;
