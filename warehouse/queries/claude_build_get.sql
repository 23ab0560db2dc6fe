-- The Claude build with this key (empty when the warehouse holds another).
SELECT build_key, model, prompt_version, created_at, finished_at FROM claude_builds WHERE build_key = $build_key;
