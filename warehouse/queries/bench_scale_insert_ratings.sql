-- bench/bench_pages.py: $n_ratings simulated filler ratings by the filler raters, spread over the $n_ids filler
-- responses of temp table ids.
INSERT INTO ratings SELECT 'bench-' || i, 'bench-r' || (i % 5000), ids.response_id,
       1 + floor(random() * 5)::INTEGER, 1 + floor(random() * 5)::INTEGER, 1 + floor(random() * 5)::INTEGER,
       1 + floor(random() * 5)::INTEGER, 5 + random() * 40, true, 'simulated', true, now()
FROM range($n_ratings) t(i) JOIN ids ON ids.k = (i * 7919) % $n_ids;
