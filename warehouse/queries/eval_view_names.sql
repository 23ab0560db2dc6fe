-- The names of the warehouse's own views (the evaluation stage creates those it lacks).
SELECT view_name FROM duckdb_views() WHERE NOT internal;
