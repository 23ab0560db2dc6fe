-- The most recently evaluated crisis-detector version, with its threshold and training facts.
SELECT *
FROM safety_detector_versions
ORDER BY evaluated_at DESC
LIMIT 1;
