-- Every estimate of the latest statistics pass of each data source, with the data source named.
CREATE VIEW v_latest_stat_results AS
SELECT s.*, a.data_source, a.created_at AS analysed_at
FROM stat_results AS s
JOIN analysis_runs AS a USING (analysis_id)
QUALIFY a.created_at = max(a.created_at) OVER (PARTITION BY a.data_source);
COMMENT ON VIEW v_latest_stat_results IS 'Every estimate of the latest statistics pass of each data source, with the data source named.';
