-- The findings of the latest statistics pass of each data source (simulated, real).
CREATE VIEW v_latest_findings AS
SELECT f.*, a.created_at AS analysed_at, a.n_ratings AS analysis_n_ratings
FROM findings AS f
JOIN analysis_runs AS a USING (analysis_id, data_source)
QUALIFY a.created_at = max(a.created_at) OVER (PARTITION BY f.data_source);
COMMENT ON VIEW v_latest_findings IS 'The findings of the latest statistics pass of each data source (simulated, real).';
COMMENT ON COLUMN v_latest_findings.analysed_at IS 'When the pass ran (analysis_runs.created_at).';
COMMENT ON COLUMN v_latest_findings.analysis_n_ratings IS 'Ratings the pass analysed (analysis_runs.n_ratings).';
