-- Mark a Claude build finished.
UPDATE claude_builds SET finished_at = $finished_at WHERE build_key = $build_key;
