-- The latest estimates of one analysis (e.g. finetune_gain, demographic, agreement) for one data source.
SELECT result_id, term, scope, estimate, ci_low, ci_high, statistic, statistic_name, p_value, p_adjusted,
       adjust_method, n, suppressed, method, detail_json
FROM v_latest_stat_results
WHERE data_source = $data_source AND analysis = $analysis
ORDER BY result_id;
