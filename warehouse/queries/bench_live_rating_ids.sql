-- bench/load_live_writes.py: the ids of the live ratings stored, checked against those acknowledged.
SELECT rating_id FROM live_ratings;
