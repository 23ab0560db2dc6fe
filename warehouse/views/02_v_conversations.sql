-- Conversations with persona demographics, scenario, split and review status: the analysts' main table.
CREATE VIEW v_conversations AS
SELECT
    c.*,
    s.title AS scenario_title,
    sp.split,
    p.first_name, p.age, p.age_band, p.gender, p.ethnicity, p.education, p.occupation,
    p.trauma_type, p.severity, p.communication_style,
    rs.review_status,
    length(c.client_message) - length(replace(c.client_message, ' ', '')) + 1 AS client_words,
    length(c.reference_reply) - length(replace(c.reference_reply, ' ', '')) + 1 AS reply_words
FROM conversations AS c
JOIN personas AS p USING (persona_id)
LEFT JOIN scenarios AS s USING (scenario_id)
LEFT JOIN splits AS sp USING (persona_id)
LEFT JOIN v_review_status AS rs USING (conversation_id);
COMMENT ON VIEW v_conversations IS 'Conversations with persona demographics, scenario, split and review status: the analysts'' main table.';
COMMENT ON COLUMN v_conversations.scenario_title IS 'Scenario title (scenarios.title).';
COMMENT ON COLUMN v_conversations.client_words IS 'Words in the client message (space-separated).';
COMMENT ON COLUMN v_conversations.reply_words IS 'Words in the reference reply (space-separated).';
