-- Remove one detector version's evaluation before it is written again.
DELETE FROM safety_eval_cases WHERE detector_version = $version;
DELETE FROM safety_eval_confusion WHERE detector_version = $version;
DELETE FROM safety_eval_metrics WHERE detector_version = $version;
DELETE FROM safety_detector_versions WHERE detector_version = $version;
