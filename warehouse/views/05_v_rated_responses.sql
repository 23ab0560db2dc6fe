-- Every rating joined to its response, run, model, conversation and rater: the base of the study's questions.
CREATE VIEW v_rated_responses AS
SELECT
    rt.rating_id, rt.empathy, rt.emotion_recognition, rt.distress_normalization, rt.supportive_reflection,
    rt.seconds_spent, rt.attention_check_passed, rt.source AS rating_source, rt.is_simulated, rt.created_at,
    ra.rater_id, ra.age_band AS rater_age_band, ra.gender AS rater_gender, ra.education AS rater_education,
    rs.response_id, rs.response_text, ru.run_id, ru.mode, m.model_id, m.display_name AS model_name,
    m.params_millions, c.conversation_id, c.scenario_id
FROM ratings AS rt
JOIN raters AS ra USING (rater_id)
JOIN responses AS rs USING (response_id)
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
JOIN conversations AS c ON c.conversation_id = rs.conversation_id;
COMMENT ON VIEW v_rated_responses IS 'Every rating joined to its response, run, model, conversation and rater: the base of the study''s questions.';
COMMENT ON COLUMN v_rated_responses.rating_source IS 'ratings.source: live, imported or simulated.';
COMMENT ON COLUMN v_rated_responses.rater_age_band IS 'Rater age band (raters.age_band).';
COMMENT ON COLUMN v_rated_responses.rater_gender IS 'Rater gender (raters.gender).';
COMMENT ON COLUMN v_rated_responses.rater_education IS 'Rater education (raters.education).';
COMMENT ON COLUMN v_rated_responses.model_name IS 'Model display name (models.display_name).';
