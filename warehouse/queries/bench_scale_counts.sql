-- bench/bench_pages.py: the scaled warehouse's row counts of the tables the filler grows.
SELECT
    (SELECT count(*) FROM responses) AS responses,
    (SELECT count(*) FROM metric_scores) AS metric_scores,
    (SELECT count(*) FROM ratings) AS ratings,
    (SELECT count(*) FROM raters) AS raters;
