-- The inputs fingerprint of the latest statistics pass of one data source ('simulated' or 'real').
SELECT inputs_fingerprint FROM analysis_runs WHERE data_source = $data_source ORDER BY created_at DESC LIMIT 1;
