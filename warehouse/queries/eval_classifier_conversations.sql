-- Conversations with factor spans and their persona's split, the factor classifier's training and held-out pool.
SELECT c.conversation_id, c.persona_id, c.client_message, c.reference_reply,
       c.er_start, c.er_end, c.dn_start, c.dn_end, c.sr_start, c.sr_end, coalesce(s.split, 'train') AS split
FROM conversations AS c LEFT JOIN splits AS s USING (persona_id)
WHERE c.er_start IS NOT NULL ORDER BY c.conversation_id;
