-- Crisis language detected in the Chat demo, by category and where it was found (no text is ever stored).
SELECT category, detected_in, count(*) AS n_events, count(DISTINCT session_id) AS n_sessions
FROM live_crisis_events
GROUP BY ALL
ORDER BY n_events DESC, category;
