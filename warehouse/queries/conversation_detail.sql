-- One conversation with its persona, scenario and factor spans.
SELECT *
FROM v_conversations
WHERE conversation_id = $conversation_id;
