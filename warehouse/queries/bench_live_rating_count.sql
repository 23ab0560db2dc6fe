-- bench/load_live_writes.py: the analyst's query while raters write: how many live ratings a reader sees.
SELECT count(*) AS n FROM live_ratings;
