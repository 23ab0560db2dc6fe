-- Every finding of the latest statistics pass of each data source, in data source and claim order.
SELECT * FROM v_latest_findings ORDER BY data_source, finding_id;
