-- The ratings the results pages use, as the statistics pass does: consenting raters, raters who failed no
-- attention check, and for simulated ratings only the latest default-study panel (panels are separate simulations,
-- never pooled). Real ratings include the Rate page's live ones. Filter on is_simulated: simulated and real ratings
-- are never analysed together.
CREATE VIEW v_study_ratings AS
WITH panel AS (
    SELECT panel_id FROM rater_panels WHERE purpose = 'default_study' ORDER BY created_at DESC, panel_id DESC LIMIT 1
)
SELECT response_id, rater_id, empathy, is_simulated, source, age_band, gender, education
FROM v_ratings_all
WHERE empathy IS NOT NULL AND consent
  AND (NOT is_simulated OR panel_id = (SELECT panel_id FROM panel))
  AND rater_id NOT IN (SELECT rater_id FROM v_ratings_all WHERE attention_check_passed = false);

COMMENT ON VIEW v_study_ratings IS 'Ratings a study analysis uses: consenting raters, no failed attention check, latest simulated panel only; filter on is_simulated.';
