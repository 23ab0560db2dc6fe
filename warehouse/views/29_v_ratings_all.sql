-- Every rating with its rater's demographics, wherever it was stored: the ratings table (simulated panels and
-- imported surveys) and the Rate page's live study ratings (live_ratings with context 'study'; the Chat demo's
-- ratings are not study ratings). A live rater's attention checks are not ratings: they set attention_check_passed
-- on that rater's real items instead (false when any check failed).
CREATE VIEW v_ratings_all AS
SELECT rt.rating_id, rt.rater_id, rt.response_id, rt.empathy, rt.emotion_recognition, rt.distress_normalization,
       rt.supportive_reflection, rt.seconds_spent, rt.attention_check_passed, rt.source, rt.is_simulated,
       rt.created_at, ra.age_band, ra.gender, ra.education, ra.consent, ra.panel_id
FROM ratings AS rt
JOIN raters AS ra USING (rater_id)
UNION ALL
SELECT lr.rating_id, lr.rater_id, lr.response_id, lr.empathy, lr.emotion_recognition, lr.distress_normalization,
       lr.supportive_reflection, lr.seconds_spent, checks.passed, 'live', false, lr.created_at,
       lra.age_band, lra.gender, lra.education, lra.consent, NULL
FROM live_ratings AS lr
JOIN live_raters AS lra USING (rater_id)
LEFT JOIN (SELECT rater_id, bool_and(attention_check_passed) AS passed FROM live_ratings
           WHERE is_attention_check GROUP BY rater_id) AS checks USING (rater_id)
WHERE lr.context = 'study' AND NOT coalesce(lr.is_attention_check, false);

COMMENT ON VIEW v_ratings_all IS 'Every study rating with rater demographics: the ratings table plus the Rate page''s live ratings (source live).';
COMMENT ON COLUMN v_ratings_all.source IS 'simulated, imported or live (Rate page).';
COMMENT ON COLUMN v_ratings_all.attention_check_passed IS 'For live raters: false when any of their attention checks failed; as stored otherwise.';
