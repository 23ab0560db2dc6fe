-- Conversations of a Claude-built warehouse beside the bank-built ones of the same plan: generator 'claude', 'bank'
-- or 'both'; scenario and risk filters ('' = any).
SELECT r.conversation_id, r.scenario_id, r.factor_order, r.risk_type, r.state AS claude_state, r.attempts,
       r.last_reason, c.conversation_id IS NOT NULL AS has_claude, b.conversation_id IS NOT NULL AS has_bank
FROM claude_requests r
LEFT JOIN conversations c USING (conversation_id)
LEFT JOIN bank_conversations b USING (conversation_id)
WHERE ($generator = 'both' OR ($generator = 'claude' AND c.conversation_id IS NOT NULL)
       OR ($generator = 'bank' AND b.conversation_id IS NOT NULL) OR ($generator = 'rejected' AND r.state = 'rejected'))
  AND ($scenario = '' OR r.scenario_id = $scenario)
  AND ($risk = '' OR ($risk = 'risk') = (r.risk_type IS NOT NULL))
ORDER BY r.conversation_id
LIMIT $limit;
