-- Conversation ids of one split ($split) with their scenario: the models stage samples the test set per scenario.
SELECT c.conversation_id, c.scenario_id
FROM conversations AS c
JOIN splits AS s USING (persona_id)
WHERE s.split = $split
ORDER BY c.conversation_id
