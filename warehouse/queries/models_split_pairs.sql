-- Client messages and reference replies of one split ($split: train, validation or test), in a stable order.
SELECT c.conversation_id, c.client_message, c.reference_reply
FROM conversations AS c
JOIN splits AS s USING (persona_id)
WHERE s.split = $split
ORDER BY c.conversation_id
