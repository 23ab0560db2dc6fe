-- The dataset quality report of the build in this warehouse: headline rows (rank 0) and examples, per measure.
SELECT scope, measure, rank, value, n, total, detail, config_fingerprint
FROM dataset_quality_report
WHERE config_fingerprint = (SELECT value FROM build_info WHERE key = 'config_fingerprint')
ORDER BY measure, scope, rank;
