-- Chat demo side-by-side preferences per pair of systems: which system won, tie, or both bad (live).
SELECT least(system_a, system_b) AS system_1, greatest(system_a, system_b) AS system_2,
       CASE choice WHEN 'a' THEN system_a WHEN 'b' THEN system_b WHEN 'tie' THEN '(tie)' ELSE '(both bad)' END
           AS outcome,
       count(*) AS n, avg(blind::INTEGER) AS share_blind
FROM live_preferences
GROUP BY ALL
ORDER BY system_1, system_2, n DESC;
