-- Every Claude build recorded in this warehouse.
SELECT build_key, model, prompt_version, created_at, finished_at FROM claude_builds ORDER BY created_at;
