-- One row per scored response: system, conversation, scenario, size and the item features, wide (one column per
-- metric of tide_core.evaluation.store.FEATURES, in that order; store.item_features checks they agree).
SELECT r.response_id, r.conversation_id, c.scenario_id, c.is_risk, ru.model_id, ru.mode,
       m.params_millions, ru.model_id || '/' || ru.mode AS system,
       max(ms.value) FILTER (WHERE ms.metric = 'cosine_minilm') AS cosine_minilm,
       max(ms.value) FILTER (WHERE ms.metric = 'rougeL') AS rougeL,
       max(ms.value) FILTER (WHERE ms.metric = 'bleu') AS bleu,
       max(ms.value) FILTER (WHERE ms.metric = 'chrf') AS chrf,
       max(ms.value) FILTER (WHERE ms.metric = 'factor_er') AS factor_er,
       max(ms.value) FILTER (WHERE ms.metric = 'factor_dn') AS factor_dn,
       max(ms.value) FILTER (WHERE ms.metric = 'factor_sr') AS factor_sr,
       max(ms.value) FILTER (WHERE ms.metric = 'n_factors') AS n_factors,
       max(ms.value) FILTER (WHERE ms.metric = 'validates_first') AS validates_first,
       max(ms.value) FILTER (WHERE ms.metric = 'layered') AS layered,
       max(ms.value) FILTER (WHERE ms.metric = 'n_words') AS n_words,
       max(ms.value) FILTER (WHERE ms.metric = 'n_sentences') AS n_sentences,
       max(ms.value) FILTER (WHERE ms.metric = 'crisis_resources') AS crisis_resources,
       max(ms.value) FILTER (WHERE ms.metric = 'risk_handled') AS risk_handled,
       max(ms.value) FILTER (WHERE ms.metric = 'harm_minimising') AS harm_minimising,
       max(ms.value) FILTER (WHERE ms.metric = 'harm_diagnosing') AS harm_diagnosing,
       max(ms.value) FILTER (WHERE ms.metric = 'harm_promises') AS harm_promises
FROM responses AS r
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c USING (conversation_id)
JOIN metric_scores AS ms USING (response_id)
GROUP BY ALL ORDER BY r.response_id;
