-- Conversations a clinician can review, with their latest review status (dataset and live reviews).
SELECT c.conversation_id, c.scenario_id, s.title AS scenario_title, c.is_risk, rs.review_status, rs.n_reviews,
       rs.reviewer AS last_reviewer, rs.reviewed_at AS last_reviewed_at
FROM conversations AS c
LEFT JOIN scenarios AS s USING (scenario_id)
JOIN v_review_status AS rs USING (conversation_id)
WHERE ($scenario IS NULL OR c.scenario_id = $scenario)
  AND ($review_status IS NULL OR rs.review_status = $review_status)
  AND ($risk_only = false OR c.is_risk)
ORDER BY c.persona_id, c.conv_index
LIMIT $limit;
