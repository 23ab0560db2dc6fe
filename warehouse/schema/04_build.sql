-- Provenance and dataset quality of this warehouse build.

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_info IS 'How this warehouse was built: config fingerprint, seed, generator version, counts, timing.';
COMMENT ON COLUMN build_info.key IS 'Setting name, e.g. config_fingerprint, seed, n_conversations, build_seconds.';
COMMENT ON COLUMN build_info.value IS 'Setting value, as text.';

CREATE TABLE dataset_quality (
    scope  VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    value  DOUBLE NOT NULL,
    detail VARCHAR
);
COMMENT ON TABLE dataset_quality IS 'Variety of the dataset text: distinct-1/2, duplicates, length spread, most repeated sentences and openings.';
COMMENT ON COLUMN dataset_quality.scope IS 'client_message or reference_reply.';
COMMENT ON COLUMN dataset_quality.metric IS 'distinct_1, distinct_2, exact_duplicates, mean_words, sd_words, min_words, max_words, top_sentence, top_opening.';
COMMENT ON COLUMN dataset_quality.value IS 'The value (a count for top_sentence and top_opening).';
COMMENT ON COLUMN dataset_quality.detail IS 'The sentence or opening for top_* rows; NULL otherwise.';
