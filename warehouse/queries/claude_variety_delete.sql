-- Drop the variety figures before a Claude build writes its own (the table holds one build's figures).
DELETE FROM dataset_quality;
