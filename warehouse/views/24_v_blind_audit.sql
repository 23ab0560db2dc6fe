-- Audit of the blind codes: which model and mode stand behind each code raters saw (never shown to raters).
CREATE VIEW v_blind_audit AS
SELECT b.blind_code, b.study_id, b.response_id, ru.model_id, ru.mode, r.conversation_id,
       (SELECT count(*) FROM ratings AS rt WHERE rt.response_id = b.response_id) AS n_ratings
FROM blind_codes AS b
JOIN responses AS r USING (response_id)
JOIN runs AS ru USING (run_id);
COMMENT ON VIEW v_blind_audit IS 'Audit of the blind codes: which model and mode stand behind each code raters saw (never shown to raters).';
COMMENT ON COLUMN v_blind_audit.n_ratings IS 'Ratings the response received (all studies).';
