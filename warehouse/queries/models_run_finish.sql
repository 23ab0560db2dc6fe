-- Mark a run finished or failed ($status) at $finished_at.
UPDATE runs SET status = $status, finished_at = $finished_at WHERE run_id = $run_id
