-- bench/bench_pages.py: $n_models filler models (bench-m1 ...), flagged as benchmark filler.
INSERT INTO models SELECT 'bench-m' || i, 'Benchmark filler ' || i, 'filler', 100.0 * i, 'benchmark',
       true, false, NULL, 'benchmark filler (bench/bench_pages.py), not a real model'
FROM range(1, $n_models + 1) t(i);
