-- bench/bench_pages.py: how many filler responses temp table ids numbers.
SELECT count(*) AS n FROM ids;
