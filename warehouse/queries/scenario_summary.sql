-- Conversations per scenario with risk and factor-order mix.
SELECT scenario_id, scenario_title, n_conversations, n_personas, n_risk, share_validates_first,
       mean_client_words, mean_reply_words
FROM v_dataset_by_scenario
ORDER BY n_conversations DESC, scenario_id;
