-- Where each planned conversation of a Claude build stands, with its stored plan (factor order, risk).
SELECT conversation_id, state, attempts, batch_id, last_reason, retry_reason, scenario_id, factor_order, risk_type
FROM claude_requests WHERE build_key = $build_key ORDER BY conversation_id;
