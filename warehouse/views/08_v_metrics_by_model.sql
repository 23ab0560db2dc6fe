-- Mean automatic metric by model, mode and metric, with missing counts.
CREATE VIEW v_metrics_by_model AS
SELECT
    ru.model_id, ru.mode, ms.metric,
    count(*) AS n_responses,
    avg(ms.value) AS mean_value,
    sum(ms.is_missing::INTEGER) AS n_missing
FROM metric_scores AS ms
JOIN responses AS rs USING (response_id)
JOIN runs AS ru USING (run_id)
GROUP BY ALL;
COMMENT ON VIEW v_metrics_by_model IS 'Mean automatic metric by model, mode and metric, with missing counts.';
COMMENT ON COLUMN v_metrics_by_model.n_responses IS 'Number of scored responses.';
COMMENT ON COLUMN v_metrics_by_model.mean_value IS 'Mean metric value over non-missing scores.';
COMMENT ON COLUMN v_metrics_by_model.n_missing IS 'Responses where the metric could not run.';
