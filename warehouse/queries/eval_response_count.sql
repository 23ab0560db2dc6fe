-- How many model responses the warehouse holds.
SELECT count(*) FROM responses;
