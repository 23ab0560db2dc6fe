-- Personas by one demographic dimension ($dimension: age_band, gender, education, ethnicity, trauma_type, ...).
SELECT level, n_personas, n_conversations
FROM v_dataset_by_demographic
WHERE dimension = $dimension
ORDER BY n_personas DESC, level;
