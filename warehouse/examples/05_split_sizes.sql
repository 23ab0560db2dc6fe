-- Split sizes in personas and conversations; no persona appears in two splits.
SELECT s.split, count(DISTINCT s.persona_id) AS n_personas, count(c.conversation_id) AS n_conversations
FROM splits AS s
LEFT JOIN conversations AS c USING (persona_id)
GROUP BY ALL
ORDER BY s.split;
