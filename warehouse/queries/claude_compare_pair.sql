-- One conversation as the bank generator and Claude wrote it (generator 'bank' / 'claude'), with its provenance.
SELECT 'bank' AS generator, b.conversation_id, b.client_message, b.reference_reply, b.factor_order, b.er_start,
       b.er_end, b.dn_start, b.dn_end, b.sr_start, b.sr_end, b.is_risk, b.risk_type, b.reference_source,
       NULL AS prompt_version, NULL AS batch_id
FROM bank_conversations b WHERE b.conversation_id = $conversation_id
UNION ALL
SELECT 'claude', c.conversation_id, c.client_message, c.reference_reply, c.factor_order, c.er_start, c.er_end,
       c.dn_start, c.dn_end, c.sr_start, c.sr_end, c.is_risk, c.risk_type, c.reference_source, k.prompt_version,
       r.batch_id
FROM conversations c
JOIN claude_requests r USING (conversation_id)
JOIN claude_builds k USING (build_key)
WHERE c.conversation_id = $conversation_id
ORDER BY generator;
