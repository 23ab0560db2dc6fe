-- Test-split conversations with all three factor spans (the synthetic systems' pool), in id order.
SELECT c.* FROM conversations AS c LEFT JOIN splits AS s USING (persona_id)
WHERE coalesce(s.split, 'test') = 'test' AND c.er_start IS NOT NULL AND c.dn_start IS NOT NULL
  AND c.sr_start IS NOT NULL
ORDER BY c.conversation_id;
