-- Drop a build's quality report rows before they are written again.
DELETE FROM dataset_quality_report WHERE config_fingerprint = $fingerprint;
