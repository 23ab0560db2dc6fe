-- Personas and conversations by demographic dimension and level (long format: one row per dimension value).
CREATE VIEW v_dataset_by_demographic AS
WITH per_persona AS (
    SELECT p.*, (SELECT count(*) FROM conversations AS c WHERE c.persona_id = p.persona_id) AS n_conv
    FROM personas AS p
),
long AS (
    UNPIVOT (SELECT persona_id, n_conv, is_synthetic, age_band, gender, education, ethnicity, trauma_type, severity,
                    communication_style, support_level FROM per_persona)
    ON age_band, gender, education, ethnicity, trauma_type, severity, communication_style, support_level
    INTO NAME dimension VALUE level
)
SELECT dimension, level, count(*) AS n_personas, sum(n_conv) AS n_conversations, bool_or(is_synthetic) AS any_synthetic
FROM long
GROUP BY ALL;
COMMENT ON VIEW v_dataset_by_demographic IS 'Personas and conversations by demographic dimension and level (long format: one row per dimension value).';
COMMENT ON COLUMN v_dataset_by_demographic.dimension IS 'Which attribute the row breaks down by (age_band, gender, education, ...).';
COMMENT ON COLUMN v_dataset_by_demographic.level IS 'The value of that attribute.';
