-- Conversations answered per model and scenario (which drill-downs have something to show).
SELECT ru.model_id, any_value(m.display_name) AS display_name, c.scenario_id,
       count(DISTINCT r.conversation_id) AS n_conversations
FROM responses AS r
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c ON c.conversation_id = r.conversation_id
GROUP BY ru.model_id, c.scenario_id
ORDER BY ru.model_id, c.scenario_id;
