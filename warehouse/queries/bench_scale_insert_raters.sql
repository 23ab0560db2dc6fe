-- bench/bench_pages.py: 5,000 simulated filler raters (bench-r0 ...) spread over the demographic groups.
INSERT INTO raters SELECT 'bench-r' || i, (['18-29','30-44','45-64','65-80'])[1 + i % 4],
       (['woman','man','non_binary'])[1 + i % 3],
       (['high_school_or_less','some_college','bachelors','graduate'])[1 + (i // 4) % 4],
       true, now(), 'simulated', 'bench', now()
FROM range(5000) t(i);
