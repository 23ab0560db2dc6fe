-- bench/bench_pages.py: how many conversations the warehouse being scaled holds.
SELECT count(*) AS n FROM conversations;
