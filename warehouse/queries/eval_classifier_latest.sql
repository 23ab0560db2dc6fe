-- The most recently trained factor classifier for one embedding model whose version begins with $version_prefix
-- (the fit and weight layout the code reads: tide_core.evaluation.factor_classifier.VERSION_PREFIX).
SELECT version, weights, n_features, presence_threshold, accuracy_overall, accuracy_er, accuracy_dn,
       accuracy_sr, accuracy_none
FROM factor_classifier_versions
WHERE embedding_model = $embedding_model AND starts_with(version, $version_prefix)
ORDER BY trained_at DESC, version LIMIT 1;
