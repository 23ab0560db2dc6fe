-- Drop a build's fluency screen rows (tide_core/fluency.py) before they are written again.
DELETE FROM dataset_quality_report
WHERE config_fingerprint = $fingerprint AND measure IN ('fluency_mean_logprob', 'fluency_low_share');
