-- The latest findings of one data source ('simulated' or 'real'), in claim order.
SELECT finding_id, claim, paper_result, test, statistic, estimate, ci_low, ci_high, p_adjusted, n, supported,
       data_source, note, analysed_at
FROM v_latest_findings
WHERE data_source = $data_source
ORDER BY finding_id;
