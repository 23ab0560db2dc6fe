-- Conversations a Claude build rejected after every attempt, with the reason, and the count of each reason's kind.
SELECT conversation_id, scenario_id, factor_order, risk_type, attempts, last_reason
FROM claude_requests WHERE state = 'rejected' ORDER BY conversation_id;
