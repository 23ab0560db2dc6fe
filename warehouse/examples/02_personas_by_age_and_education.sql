-- Persona counts by age band and education (synthetic personas are flagged in personas.is_synthetic).
SELECT age_band, education, count(*) AS n_personas, bool_and(is_synthetic) AS all_synthetic
FROM personas
GROUP BY ALL
ORDER BY age_band, education;
