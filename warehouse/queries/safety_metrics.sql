-- Recall / false alarms of one detector version, every set and group, with Wilson intervals.
SELECT eval_set, group_kind, group_name, metric, n, k, value, ci_low, ci_high
FROM safety_eval_metrics
WHERE detector_version = $version
ORDER BY eval_set, group_kind, group_name, metric;
