-- Clinicians' empathy ratings of Chat demo replies, per system and mode (live; replies are not stored).
SELECT system_id, mode, count(*) AS n_ratings, avg(empathy) AS mean_empathy, stddev_samp(empathy) AS sd_empathy,
       avg(blind::INTEGER) AS share_blind
FROM live_ratings
WHERE context = 'chat'
GROUP BY ALL
ORDER BY mean_empathy DESC, system_id;
