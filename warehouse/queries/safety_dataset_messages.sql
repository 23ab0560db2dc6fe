-- The dataset's client messages with their risk type (null for no risk), for the crisis detector's evaluation.
SELECT conversation_id, client_message, risk_type
FROM conversations
ORDER BY conversation_id;
