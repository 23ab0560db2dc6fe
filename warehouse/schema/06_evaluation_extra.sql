-- Evaluation provenance: factor classifier versions, simulated panels, blind codes, rating imports, statistics and
-- findings (filled by tide_core.evaluation). IF NOT EXISTS so the evaluation stage can add them to a warehouse
-- built before these tables existed.

CREATE TABLE IF NOT EXISTS factor_classifier_versions (
    version            VARCHAR PRIMARY KEY,
    embedding_model    VARCHAR NOT NULL,
    classes            VARCHAR[] NOT NULL,
    weights            DOUBLE[] NOT NULL,
    n_features         INTEGER NOT NULL,
    presence_threshold DOUBLE NOT NULL,
    n_train_sentences  INTEGER NOT NULL,
    n_test_sentences   INTEGER NOT NULL,
    n_train_personas   INTEGER NOT NULL,
    n_test_personas    INTEGER NOT NULL,
    accuracy_overall   DOUBLE NOT NULL,
    accuracy_er        DOUBLE NOT NULL,
    accuracy_dn        DOUBLE NOT NULL,
    accuracy_sr        DOUBLE NOT NULL,
    accuracy_none      DOUBLE NOT NULL,
    seed               INTEGER NOT NULL,
    trained_at         TIMESTAMP NOT NULL
);
COMMENT ON TABLE factor_classifier_versions IS 'Empathy-factor sentence classifiers (MiniLM embeddings + softmax regression) trained on the reference spans, with held-out accuracy; factor_* metric scores name the version that made them.';
COMMENT ON COLUMN factor_classifier_versions.version IS 'Version id: a hash of the training sentences, embedding model, seed and code version.';
COMMENT ON COLUMN factor_classifier_versions.embedding_model IS 'Sentence embedding model and its version (e.g. all-MiniLM-L6-v2 via sentence-transformers 6.2.0).';
COMMENT ON COLUMN factor_classifier_versions.classes IS 'Class labels in weight order: ER, DN, SR and NONE (client-message sentences, the non-reply class).';
COMMENT ON COLUMN factor_classifier_versions.weights IS 'Softmax weights flattened row-major, (n_features + 1 bias) x n_classes.';
COMMENT ON COLUMN factor_classifier_versions.n_features IS 'Embedding dimension (384 for MiniLM).';
COMMENT ON COLUMN factor_classifier_versions.presence_threshold IS 'A factor counts as present in a reply when some sentence has that class probability at or above this value.';
COMMENT ON COLUMN factor_classifier_versions.n_train_sentences IS 'Labelled sentences used for training (train-split personas).';
COMMENT ON COLUMN factor_classifier_versions.n_test_sentences IS 'Labelled sentences held out (personas of the other splits; no persona in both).';
COMMENT ON COLUMN factor_classifier_versions.n_train_personas IS 'Distinct personas whose conversations were used for training.';
COMMENT ON COLUMN factor_classifier_versions.n_test_personas IS 'Distinct held-out personas used for the accuracy figures.';
COMMENT ON COLUMN factor_classifier_versions.accuracy_overall IS 'Held-out accuracy over all four classes.';
COMMENT ON COLUMN factor_classifier_versions.accuracy_er IS 'Held-out one-vs-rest accuracy for emotion recognition (ER).';
COMMENT ON COLUMN factor_classifier_versions.accuracy_dn IS 'Held-out one-vs-rest accuracy for distress normalization (DN).';
COMMENT ON COLUMN factor_classifier_versions.accuracy_sr IS 'Held-out one-vs-rest accuracy for supportive reflection (SR).';
COMMENT ON COLUMN factor_classifier_versions.accuracy_none IS 'Held-out one-vs-rest accuracy for the NONE class (client-message sentences).';
COMMENT ON COLUMN factor_classifier_versions.seed IS 'Seed of the training-sentence sample.';
COMMENT ON COLUMN factor_classifier_versions.trained_at IS 'When trained (UTC).';

CREATE TABLE IF NOT EXISTS rater_panels (
    panel_id          VARCHAR PRIMARY KEY,
    purpose           VARCHAR NOT NULL,
    seed              INTEGER NOT NULL,
    n_raters          INTEGER NOT NULL,
    ratings_per_rater INTEGER NOT NULL,
    params_json       VARCHAR NOT NULL,
    code_version      VARCHAR NOT NULL,
    is_simulated      BOOLEAN NOT NULL,
    created_at        TIMESTAMP NOT NULL
);
COMMENT ON TABLE rater_panels IS 'Simulated rater panels with every generating parameter, so a simulated finding can be traced to the effects that were put in.';
COMMENT ON COLUMN rater_panels.panel_id IS 'Panel id (raters.panel_id).';
COMMENT ON COLUMN rater_panels.purpose IS 'default_study (the main job), recovery_test, null_test or bench.';
COMMENT ON COLUMN rater_panels.seed IS 'Random seed of the simulation.';
COMMENT ON COLUMN rater_panels.n_raters IS 'Raters drawn.';
COMMENT ON COLUMN rater_panels.ratings_per_rater IS 'Items each rater rated.';
COMMENT ON COLUMN rater_panels.params_json IS 'All generating parameters as JSON: demographic mix, effect sizes (age x validates-first, education x layered, gender = 0), random-effect and noise SDs, inattentive share.';
COMMENT ON COLUMN rater_panels.code_version IS 'Version of the simulation code.';
COMMENT ON COLUMN rater_panels.is_simulated IS 'Always true: panels are simulated, never real people.';
COMMENT ON COLUMN rater_panels.created_at IS 'When simulated (UTC).';

CREATE TABLE IF NOT EXISTS blind_codes (
    blind_code  VARCHAR PRIMARY KEY,
    study_id    VARCHAR NOT NULL,
    response_id VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (study_id, response_id)
);
COMMENT ON TABLE blind_codes IS 'Audit mapping from the code shown to raters to the response (and so the model); raters never see model identities.';
COMMENT ON COLUMN blind_codes.blind_code IS 'Opaque item code shown to raters and used in survey exports, e.g. R-7F3A9C21.';
COMMENT ON COLUMN blind_codes.study_id IS 'Rating study the code belongs to (a panel id or a survey name).';
COMMENT ON COLUMN blind_codes.response_id IS 'The response behind the code (responses.response_id).';
COMMENT ON COLUMN blind_codes.created_at IS 'When the code was issued (UTC).';

CREATE TABLE IF NOT EXISTS rating_imports (
    import_id    VARCHAR PRIMARY KEY,
    file_name    VARCHAR NOT NULL,
    file_sha256  VARCHAR NOT NULL,
    file_format  VARCHAR NOT NULL,
    mapping_json VARCHAR NOT NULL,
    n_rows       INTEGER NOT NULL,
    n_accepted   INTEGER NOT NULL,
    n_rejected   INTEGER NOT NULL,
    imported_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE rating_imports IS 'One row per imported survey export: accepted rows go to raters/ratings, rejected rows to rating_import_rejects, in one transaction.';
COMMENT ON COLUMN rating_imports.import_id IS 'Import id (hash of the file content and the column mapping).';
COMMENT ON COLUMN rating_imports.file_name IS 'File name as given.';
COMMENT ON COLUMN rating_imports.file_sha256 IS 'SHA-256 of the file content.';
COMMENT ON COLUMN rating_imports.file_format IS 'csv or parquet.';
COMMENT ON COLUMN rating_imports.mapping_json IS 'Column mapping used, warehouse field -> export column, as JSON.';
COMMENT ON COLUMN rating_imports.n_rows IS 'Data rows in the file.';
COMMENT ON COLUMN rating_imports.n_accepted IS 'Rows accepted.';
COMMENT ON COLUMN rating_imports.n_rejected IS 'Rows rejected (see rating_import_rejects).';
COMMENT ON COLUMN rating_imports.imported_at IS 'When imported (UTC).';

CREATE TABLE IF NOT EXISTS rating_import_rejects (
    import_id  VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    field      VARCHAR NOT NULL,
    value      VARCHAR,
    reason     VARCHAR NOT NULL,
    PRIMARY KEY (import_id, row_number, field)
);
COMMENT ON TABLE rating_import_rejects IS 'Rows of an import that were rejected, one row per problem: which row, which field, and why.';
COMMENT ON COLUMN rating_import_rejects.import_id IS 'The import (rating_imports.import_id).';
COMMENT ON COLUMN rating_import_rejects.row_number IS 'Data row number in the file, 1-based, header not counted.';
COMMENT ON COLUMN rating_import_rejects.field IS 'Warehouse field at fault (e.g. empathy, item, consent).';
COMMENT ON COLUMN rating_import_rejects.value IS 'The offending value as text (NULL when empty).';
COMMENT ON COLUMN rating_import_rejects.reason IS 'What was expected.';

CREATE TABLE IF NOT EXISTS analysis_runs (
    analysis_id         VARCHAR PRIMARY KEY,
    data_source         VARCHAR NOT NULL CHECK (data_source IN ('simulated', 'real')),
    inputs_fingerprint  VARCHAR NOT NULL,
    n_ratings           INTEGER NOT NULL,
    n_raters            INTEGER NOT NULL,
    n_excluded_raters   INTEGER NOT NULL,
    n_responses         INTEGER NOT NULL,
    seconds             DOUBLE NOT NULL,
    code_version        VARCHAR NOT NULL,
    created_at          TIMESTAMP NOT NULL
);
COMMENT ON TABLE analysis_runs IS 'One statistics pass over the ratings of one data source; stat_results and findings belong to one pass.';
COMMENT ON COLUMN analysis_runs.analysis_id IS 'Analysis id.';
COMMENT ON COLUMN analysis_runs.data_source IS 'simulated (simulated panels) or real (live and imported ratings); the two are never pooled.';
COMMENT ON COLUMN analysis_runs.inputs_fingerprint IS 'Hash of the ratings and scores analysed: an unchanged fingerprint means the pass is reused, not rerun.';
COMMENT ON COLUMN analysis_runs.n_ratings IS 'Ratings analysed (consented raters who passed every attention check).';
COMMENT ON COLUMN analysis_runs.n_raters IS 'Raters analysed.';
COMMENT ON COLUMN analysis_runs.n_excluded_raters IS 'Raters excluded for no consent or a failed attention check.';
COMMENT ON COLUMN analysis_runs.n_responses IS 'Distinct responses rated.';
COMMENT ON COLUMN analysis_runs.seconds IS 'Wall time of the pass.';
COMMENT ON COLUMN analysis_runs.code_version IS 'Version of the statistics code.';
COMMENT ON COLUMN analysis_runs.created_at IS 'When run (UTC).';

CREATE TABLE IF NOT EXISTS stat_results (
    analysis_id    VARCHAR NOT NULL,
    result_id      VARCHAR NOT NULL,
    analysis       VARCHAR NOT NULL,
    family         VARCHAR,
    term           VARCHAR NOT NULL,
    scope          VARCHAR NOT NULL,
    estimate       DOUBLE,
    ci_low         DOUBLE,
    ci_high        DOUBLE,
    statistic      DOUBLE,
    statistic_name VARCHAR,
    p_value        DOUBLE,
    p_adjusted     DOUBLE,
    adjust_method  VARCHAR,
    n              INTEGER NOT NULL,
    suppressed     BOOLEAN NOT NULL,
    method         VARCHAR NOT NULL,
    detail_json    VARCHAR,
    PRIMARY KEY (analysis_id, result_id)
);
COMMENT ON TABLE stat_results IS 'Every estimate of a statistics pass (long format), so the dashboard only reads: gains, model terms, demographic effects, agreement, metric-human correlations.';
COMMENT ON COLUMN stat_results.analysis_id IS 'The pass (analysis_runs.analysis_id).';
COMMENT ON COLUMN stat_results.result_id IS 'Stable id within the pass: analysis/term/scope.';
COMMENT ON COLUMN stat_results.analysis IS 'finetune_gain, scenario_gain, size_gain, ceiling, mixed_model, ols_twoway, demographic, agreement, metric_human.';
COMMENT ON COLUMN stat_results.family IS 'Multiple-comparison family the p-value was corrected within (NULL = not corrected).';
COMMENT ON COLUMN stat_results.term IS 'What is estimated, e.g. gain, older:validates_first, alpha_empathy, spearman_cosine_minilm.';
COMMENT ON COLUMN stat_results.scope IS 'Subset: all, model=<id>, scenario=<id>, age_band=<band>, ...';
COMMENT ON COLUMN stat_results.estimate IS 'Point estimate (rating points for gains and coefficients, alpha, rho).';
COMMENT ON COLUMN stat_results.ci_low IS 'Lower end of the 95 % interval.';
COMMENT ON COLUMN stat_results.ci_high IS 'Upper end of the 95 % interval.';
COMMENT ON COLUMN stat_results.statistic IS 'Test statistic (t, z, F, ...).';
COMMENT ON COLUMN stat_results.statistic_name IS 'Name of the test statistic.';
COMMENT ON COLUMN stat_results.p_value IS 'Unadjusted p-value.';
COMMENT ON COLUMN stat_results.p_adjusted IS 'p-value adjusted within the family (Holm).';
COMMENT ON COLUMN stat_results.adjust_method IS 'Correction used, e.g. holm; NULL when none.';
COMMENT ON COLUMN stat_results.n IS 'Cell size: ratings, items or pairs behind the estimate.';
COMMENT ON COLUMN stat_results.suppressed IS 'True when the cell has fewer than 10 observations: estimate, interval and p are withheld (NULL).';
COMMENT ON COLUMN stat_results.method IS 'The test or model, in words.';
COMMENT ON COLUMN stat_results.detail_json IS 'Extra figures as JSON (standard errors, effect sizes, variance components, llf).';

CREATE TABLE IF NOT EXISTS findings (
    analysis_id  VARCHAR NOT NULL,
    finding_id   VARCHAR NOT NULL,
    claim        VARCHAR NOT NULL,
    paper_result VARCHAR NOT NULL,
    test         VARCHAR NOT NULL,
    statistic    VARCHAR,
    estimate     DOUBLE,
    ci_low       DOUBLE,
    ci_high      DOUBLE,
    p_adjusted   DOUBLE,
    n            INTEGER,
    supported    VARCHAR NOT NULL CHECK (supported IN ('yes', 'no', 'inconclusive')),
    data_source  VARCHAR NOT NULL CHECK (data_source IN ('simulated', 'real')),
    note         VARCHAR,
    PRIMARY KEY (analysis_id, finding_id)
);
COMMENT ON TABLE findings IS 'Each claim of the study re-tested on this warehouse''s ratings; with simulated ratings a finding only shows the analysis recovers what the panel put in.';
COMMENT ON COLUMN findings.analysis_id IS 'The pass (analysis_runs.analysis_id).';
COMMENT ON COLUMN findings.finding_id IS 'Stable claim id, e.g. finetune_gain, age_validates_first.';
COMMENT ON COLUMN findings.claim IS 'The study''s claim in words.';
COMMENT ON COLUMN findings.paper_result IS 'What the study reported.';
COMMENT ON COLUMN findings.test IS 'Test used here.';
COMMENT ON COLUMN findings.statistic IS 'Test statistic as text, e.g. t = 4.1.';
COMMENT ON COLUMN findings.estimate IS 'Effect estimate (rating points, or rho).';
COMMENT ON COLUMN findings.ci_low IS 'Lower end of the 95 % interval.';
COMMENT ON COLUMN findings.ci_high IS 'Upper end of the 95 % interval.';
COMMENT ON COLUMN findings.p_adjusted IS 'Holm-corrected p-value within its family (NULL when the claim is not a test).';
COMMENT ON COLUMN findings.n IS 'Observations behind the estimate.';
COMMENT ON COLUMN findings.supported IS 'yes, no or inconclusive (too little data, or not significant but interval too wide to call it absent).';
COMMENT ON COLUMN findings.data_source IS 'simulated or real: never read a simulated finding as evidence about people.';
COMMENT ON COLUMN findings.note IS 'How to read the result; the decision rule used.';
