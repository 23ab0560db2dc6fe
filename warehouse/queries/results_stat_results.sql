-- The latest estimates of one analysis for one data source ('simulated' or 'real'), with the multiple-comparison
-- family and correction each p-value was adjusted within.
SELECT analysis, family, term, scope, estimate, ci_low, ci_high, statistic, statistic_name, p_value, p_adjusted,
       adjust_method, n, suppressed, method
FROM v_latest_stat_results
WHERE data_source = $data_source AND analysis = $analysis
ORDER BY term, scope;
