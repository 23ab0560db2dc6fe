-- Responses lacking a row for any of $metrics, with their reference (a clinician's edit wins) and risk flag.
SELECT r.response_id, r.response_text, c.is_risk,
       CASE WHEN rs.review_status = 'edited' AND rs.edited_reply IS NOT NULL THEN rs.edited_reply
            ELSE c.reference_reply END AS reference_reply
FROM responses AS r
JOIN conversations AS c USING (conversation_id)
LEFT JOIN v_review_status AS rs USING (conversation_id)
WHERE (SELECT count(DISTINCT m.metric) FROM metric_scores AS m
       WHERE m.response_id = r.response_id AND list_contains($metrics, m.metric)) < len($metrics)
ORDER BY r.response_id;
