-- Conversations a run has already answered (skipped when the run resumes).
SELECT conversation_id FROM responses WHERE run_id = $run_id
