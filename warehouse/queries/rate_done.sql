-- Study items a live rater has already rated (response ids, attention checks included), so a session resumes.
SELECT DISTINCT response_id
FROM live_ratings
WHERE rater_id = $rater_id AND context = 'study' AND response_id IS NOT NULL;
