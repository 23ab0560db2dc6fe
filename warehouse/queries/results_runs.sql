-- Every run with the settings that reproduce it (decoding, system prompt, seed, split, status) and its responses;
-- truncated_share: the share of its replies cut by the token cap (stop_reason max_tokens; NULL when no reply says
-- why it ended, e.g. synthetic systems).
SELECT ru.run_id, m.display_name, m.params_millions, ru.model_id, ru.mode, ru.split, ru.status, ru.seed, ru.decoding_json,
       ru.system_prompt, ru.adapter_path, ru.code_version, ru.started_at, ru.finished_at,
       count(r.response_id) AS n_responses,
       avg(CASE WHEN r.stop_reason IS NULL THEN NULL WHEN r.stop_reason = 'max_tokens' THEN 1.0 ELSE 0.0 END)
           AS truncated_share
FROM runs AS ru
JOIN models AS m USING (model_id)
LEFT JOIN responses AS r USING (run_id)
GROUP BY ALL
ORDER BY m.params_millions NULLS LAST, ru.model_id, ru.split, ru.mode, ru.run_id;
