-- Conversations of one scenario that one model answered, those answered in both modes first (drill-down list).
SELECT r.conversation_id, count(DISTINCT ru.mode) AS n_modes
FROM responses AS r
JOIN runs AS ru USING (run_id)
JOIN conversations AS c ON c.conversation_id = r.conversation_id
WHERE c.scenario_id = $scenario AND ru.model_id = $model_id
GROUP BY r.conversation_id
ORDER BY n_modes DESC, r.conversation_id
LIMIT 200;
