-- Variety figures of the dataset text.
SELECT scope, metric, value, detail
FROM dataset_quality
ORDER BY scope, metric, value DESC;
