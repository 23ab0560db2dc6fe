-- The quality report of one build in this warehouse (by fingerprint): the Dataset page compares the Claude build with
-- the bank build of the same plan.
SELECT scope, measure, rank, value, n, total, detail, config_fingerprint
FROM dataset_quality_report WHERE config_fingerprint = $fingerprint
ORDER BY measure, scope, rank;
