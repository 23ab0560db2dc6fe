-- Conversations whose client message carries risk language, by risk type and split (for crisis-detection work).
SELECT c.risk_type, s.split, count(*) AS n
FROM conversations AS c
JOIN splits AS s USING (persona_id)
WHERE c.is_risk
GROUP BY ALL
ORDER BY c.risk_type, s.split;
