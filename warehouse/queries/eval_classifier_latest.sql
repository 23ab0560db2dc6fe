-- The most recently trained factor classifier for one embedding model.
SELECT version, weights, n_features, presence_threshold, accuracy_overall, accuracy_er, accuracy_dn,
       accuracy_sr, accuracy_none
FROM factor_classifier_versions
WHERE embedding_model = $embedding_model
ORDER BY trained_at DESC, version LIMIT 1;
