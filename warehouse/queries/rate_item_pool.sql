-- Candidate items of a rater's blind study session: per system (model x mode) the $per_system responses ranked
-- first by a hash of the rater id and response id (so the same rater gets the same candidates on every reload),
-- with the client message and the blind code raters see. The system columns are recorded with a rating, never shown.
-- is_truncated: the reply was cut by the token cap (stop_reason max_tokens); the Rate page marks it.
WITH ranked AS (
    SELECT r.response_id, r.conversation_id, ru.model_id AS system_id, ru.mode
    FROM responses AS r
    JOIN runs AS ru USING (run_id)
    WHERE length(trim(r.response_text)) > 0
    QUALIFY row_number() OVER (PARTITION BY ru.model_id, ru.mode
                               ORDER BY md5($rater_id || ':' || r.response_id)) <= $per_system
)
SELECT k.response_id, k.conversation_id, k.system_id, k.mode, c.client_message, r.response_text,
       coalesce(r.stop_reason = 'max_tokens', false) AS is_truncated,
       (SELECT b.blind_code FROM blind_codes AS b WHERE b.response_id = k.response_id
        ORDER BY b.created_at DESC, b.blind_code LIMIT 1) AS blind_code
FROM ranked AS k
JOIN responses AS r USING (response_id)
JOIN conversations AS c ON c.conversation_id = k.conversation_id
ORDER BY k.system_id, k.mode, k.response_id;
