-- Conversations by latest review status (pending = never reviewed).
SELECT review_status, count(*) AS n_conversations
FROM v_review_status
GROUP BY review_status
ORDER BY CASE review_status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'edited' THEN 2 ELSE 3 END;
