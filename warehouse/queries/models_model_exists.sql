-- 1 when $model_id is recorded in the models table, else 0 (runs reference it).
SELECT count(*) AS n FROM models WHERE model_id = $model_id
