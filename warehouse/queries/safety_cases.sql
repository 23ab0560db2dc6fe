-- Misses and false alarms of one detector version on one evaluation set, for a clinician to read.
SELECT outcome, true_label, negative_kind, predicted, layer, round(score, 3) AS score, record_id, text
FROM safety_eval_cases
WHERE detector_version = $version AND eval_set = $eval_set
ORDER BY outcome, true_label, score DESC NULLS LAST, record_id;
