-- bench/bench_pages.py: the automatic metrics the warehouse already has scores for.
SELECT DISTINCT metric FROM metric_scores;
