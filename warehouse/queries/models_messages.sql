-- Client messages of the conversations listed in $ids (a list of conversation_id values).
SELECT conversation_id, client_message
FROM conversations
WHERE list_contains($ids, conversation_id)
ORDER BY conversation_id
