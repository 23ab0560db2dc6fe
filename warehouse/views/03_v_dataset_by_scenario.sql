-- Per scenario: how many conversations, the risk share, the factor-order mix and text lengths.
CREATE VIEW v_dataset_by_scenario AS
SELECT
    coalesce(scenario_id, '(none)') AS scenario_id,
    any_value(scenario_title) AS scenario_title,
    count(*) AS n_conversations,
    count(DISTINCT persona_id) AS n_personas,
    sum(is_risk::INTEGER) AS n_risk,
    avg(validates_first::INTEGER) AS share_validates_first,
    avg(client_words) AS mean_client_words,
    avg(reply_words) AS mean_reply_words,
    bool_or(is_synthetic) AS any_synthetic
FROM v_conversations
GROUP BY ALL;
COMMENT ON VIEW v_dataset_by_scenario IS 'Per scenario: how many conversations, the risk share, the factor-order mix and text lengths.';
COMMENT ON COLUMN v_dataset_by_scenario.n_conversations IS 'Number of conversations in the group.';
COMMENT ON COLUMN v_dataset_by_scenario.n_personas IS 'Number of distinct personas in the group.';
COMMENT ON COLUMN v_dataset_by_scenario.n_risk IS 'Conversations whose client message carries risk language.';
COMMENT ON COLUMN v_dataset_by_scenario.share_validates_first IS 'Share of reference replies that normalise distress before supportive reflection.';
COMMENT ON COLUMN v_dataset_by_scenario.mean_client_words IS 'Mean words per client message.';
COMMENT ON COLUMN v_dataset_by_scenario.mean_reply_words IS 'Mean words per reference reply.';
COMMENT ON COLUMN v_dataset_by_scenario.any_synthetic IS 'True when any row in the group is synthetic or simulated.';
