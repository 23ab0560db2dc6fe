-- Record the schema version a warehouse was built with or upgraded to (the table holds one row).
DELETE FROM schema_version;
INSERT INTO schema_version (version, applied_at) VALUES ($version, $applied_at);
