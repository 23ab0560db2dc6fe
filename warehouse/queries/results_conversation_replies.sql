-- One conversation's client message and reference reply, and every system's reply to it with its mean human
-- rating (data source $simulated) and MiniLM cosine to the reference.
WITH kept AS (SELECT * FROM v_study_ratings WHERE is_simulated = $simulated),  -- one data source, never pooled
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
