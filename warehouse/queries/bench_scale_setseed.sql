-- bench/bench_pages.py: seed random() for the filler rows of the scaled warehouse.
SELECT setseed($seed);
