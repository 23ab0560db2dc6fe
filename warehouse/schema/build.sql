-- Provenance and dataset quality of this warehouse build, and the schema version it was built with.

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE schema_version IS 'One row: the version of warehouse/schema/*.sql this warehouse was built with (or upgraded in place to). Code of another version refuses the file with a message saying to rebuild it (python -m tide_core build); a warehouse without this table was built before versions were kept (version 0).';
COMMENT ON COLUMN schema_version.version IS 'Schema version (warehouse.schema_version.SCHEMA_VERSION of the code that wrote it).';
COMMENT ON COLUMN schema_version.applied_at IS 'When the warehouse was built or upgraded to this version (UTC).';

CREATE TABLE IF NOT EXISTS build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_info IS 'How this warehouse was built: config fingerprint, seed, generator version, counts, timing.';
COMMENT ON COLUMN build_info.key IS 'Setting name, e.g. config_fingerprint, seed, n_conversations, build_seconds.';
COMMENT ON COLUMN build_info.value IS 'Setting value, as text.';

CREATE TABLE IF NOT EXISTS dataset_quality (
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

CREATE TABLE IF NOT EXISTS dataset_quality_report (
    config_fingerprint VARCHAR NOT NULL,
    scope              VARCHAR NOT NULL,
    measure            VARCHAR NOT NULL,
    rank               INTEGER NOT NULL,
    value              DOUBLE,
    n                  BIGINT,
    total              BIGINT,
    detail             VARCHAR
);
COMMENT ON TABLE dataset_quality_report IS 'The dataset quality report (tide_core/quality.py, python -m tide_core quality): grounded feelings, questions answered, sentence and opening reuse, distinct-n, known-bad joins, the risk protocol; one headline row per measure (rank 0) and its listed examples (rank 1...).';
COMMENT ON COLUMN dataset_quality_report.config_fingerprint IS 'build_info.config_fingerprint of the build measured (config + generator code and bank files).';
COMMENT ON COLUMN dataset_quality_report.scope IS 'reference_reply, client_message, or both (known-bad joins over both).';
COMMENT ON COLUMN dataset_quality_report.measure IS 'e.g. ungrounded_feeling_sentence_share, questions_answered_share, top_sentence_share, replies_with_sentence_in_10_plus, top_opening_5_share, risk_replies_asking_directly_share, distinct_1, distinct_2, bad_join: <kind>.';
COMMENT ON COLUMN dataset_quality_report.rank IS '0 for the headline row of a measure; 1, 2, ... for its listed examples, most frequent first.';
COMMENT ON COLUMN dataset_quality_report.value IS 'Headline: the share (0-1), the distinct-n value or the count; example rows: the share of texts it is in (top sentences and openings), else NULL.';
COMMENT ON COLUMN dataset_quality_report.n IS 'Headline: how many were counted (sentences flagged, questions answered, replies holding the sentence...); NULL for distinct-n and examples.';
COMMENT ON COLUMN dataset_quality_report.total IS 'Headline: out of how many (reply sentences, client questions, replies, risk replies, texts); NULL for distinct-n and examples.';
COMMENT ON COLUMN dataset_quality_report.detail IS 'Example rows: the sentence, opening or text to read; NULL on headline rows.';
