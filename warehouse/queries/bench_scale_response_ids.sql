-- bench/bench_pages.py: temp table ids numbering the filler responses 0..n-1, for spreading the ratings over them.
CREATE TEMP TABLE ids AS SELECT row_number() OVER () - 1 AS k, response_id FROM responses
WHERE run_id LIKE 'bench-%';
