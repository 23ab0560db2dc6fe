-- Whether a table of this name exists in the warehouse (1) or not (0).
SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $table_name;
