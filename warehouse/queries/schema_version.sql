-- The warehouse's schema version (table schema_version, one row); no row when the table is empty.
SELECT max(version) AS version FROM schema_version;
