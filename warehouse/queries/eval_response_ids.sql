-- Every response id (ratings may name their item by it).
SELECT response_id FROM responses;
