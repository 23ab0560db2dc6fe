-- Set one build_info entry (the Claude build's provenance and status).
INSERT OR REPLACE INTO build_info (key, value) VALUES ($key, $value);
