-- The most recent rater panel of one purpose (e.g. default_study).
SELECT panel_id FROM rater_panels WHERE purpose = $purpose ORDER BY created_at DESC, panel_id DESC LIMIT 1;
