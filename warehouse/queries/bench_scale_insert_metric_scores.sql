-- bench/bench_pages.py: a random score of each metric in $metrics for every filler response.
INSERT INTO metric_scores SELECT r.response_id, m.metric, random(), 'bench', false, NULL
FROM responses r, (SELECT unnest($metrics) AS metric) m WHERE r.run_id LIKE 'bench-%';
