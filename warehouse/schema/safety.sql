-- The chat's crisis detector, evaluated (filled by `python -m tide_core safety-eval` and the main job).

CREATE TABLE IF NOT EXISTS safety_detector_versions (
    detector_version  VARCHAR PRIMARY KEY,
    threshold         DOUBLE NOT NULL,
    threshold_reason  VARCHAR NOT NULL,
    corpus_hash       VARCHAR NOT NULL,
    n_corpus_records  INTEGER NOT NULL,
    n_training_units  INTEGER NOT NULL,
    n_concepts        INTEGER NOT NULL,
    encoder           VARCHAR NOT NULL,
    patterns_version  INTEGER NOT NULL,
    trained_at        TIMESTAMP NOT NULL,
    evaluated_at      TIMESTAMP NOT NULL,
    eval_seconds      DOUBLE NOT NULL
);
COMMENT ON TABLE safety_detector_versions IS 'Versions of the chat crisis detector (patterns + MiniLM semantic layer), with the threshold chosen by grouped cross-validation and why.';
COMMENT ON COLUMN safety_detector_versions.detector_version IS 'Version id: a hash of the corpus files, the hyper-parameters and the code version of the semantic layer.';
COMMENT ON COLUMN safety_detector_versions.threshold IS 'The semantic layer flags a message when its risk score (calibrated probability) is at or above this.';
COMMENT ON COLUMN safety_detector_versions.threshold_reason IS 'How the threshold was chosen (target recall out of fold, within the false-alarm budget on hard negatives).';
COMMENT ON COLUMN safety_detector_versions.corpus_hash IS 'Hash of the crisis corpus files (tide_core/chat/data/crisis_corpus) the detector was trained on.';
COMMENT ON COLUMN safety_detector_versions.n_corpus_records IS 'Labelled corpus records (messages and context windows) at training time.';
COMMENT ON COLUMN safety_detector_versions.n_training_units IS 'Messages the classifiers were fitted on: the corpus messages plus ordinary non-risk messages from the dataset generator (own seed).';
COMMENT ON COLUMN safety_detector_versions.n_concepts IS 'Distinct concepts (ideas) in the corpus; cross-validation holds whole concepts out.';
COMMENT ON COLUMN safety_detector_versions.encoder IS 'Sentence encoder of the semantic layer (all-MiniLM-L6-v2 exported to ONNX).';
COMMENT ON COLUMN safety_detector_versions.patterns_version IS 'Version number of tide_core/chat/data/crisis_patterns.yaml.';
COMMENT ON COLUMN safety_detector_versions.trained_at IS 'When the semantic layer was fitted (UTC).';
COMMENT ON COLUMN safety_detector_versions.evaluated_at IS 'When this evaluation was written (UTC).';
COMMENT ON COLUMN safety_detector_versions.eval_seconds IS 'Wall time of the evaluation (seconds).';

CREATE TABLE IF NOT EXISTS safety_eval_metrics (
    detector_version VARCHAR NOT NULL,
    eval_set         VARCHAR NOT NULL,
    group_kind       VARCHAR NOT NULL,
    group_name       VARCHAR NOT NULL,
    metric           VARCHAR NOT NULL,
    n                INTEGER NOT NULL,
    k                INTEGER NOT NULL,
    value            DOUBLE,
    ci_low           DOUBLE,
    ci_high          DOUBLE,
    PRIMARY KEY (detector_version, eval_set, group_kind, group_name, metric)
);
COMMENT ON TABLE safety_eval_metrics IS 'Recall and false alarms of the crisis detector per evaluation set and group, with 95% Wilson intervals.';
COMMENT ON COLUMN safety_eval_metrics.detector_version IS 'The detector version evaluated (safety_detector_versions).';
COMMENT ON COLUMN safety_eval_metrics.eval_set IS 'corpus_cv (out-of-fold, concepts held out), frozen_test (never tuned on), context_windows (multi-turn), tide_dataset (the dataset''s own client messages).';
COMMENT ON COLUMN safety_eval_metrics.group_kind IS 'overall, tier (explicit / implicit / hard_negative), category (risk category), negative_kind (hard-negative kind), or risk_type (dataset).';
COMMENT ON COLUMN safety_eval_metrics.group_name IS 'The group within group_kind (e.g. suicidal_plan, idiom, explicit).';
COMMENT ON COLUMN safety_eval_metrics.metric IS 'recall (risk messages flagged), false_alarm (no-risk messages flagged) or category_accuracy (flagged risk messages given their own category).';
COMMENT ON COLUMN safety_eval_metrics.n IS 'Messages in the group.';
COMMENT ON COLUMN safety_eval_metrics.k IS 'Messages counted by the metric (flagged, or flagged with the right category).';
COMMENT ON COLUMN safety_eval_metrics.value IS 'k / n.';
COMMENT ON COLUMN safety_eval_metrics.ci_low IS 'Lower bound of the 95% Wilson interval of value.';
COMMENT ON COLUMN safety_eval_metrics.ci_high IS 'Upper bound of the 95% Wilson interval of value.';

CREATE TABLE IF NOT EXISTS safety_eval_confusion (
    detector_version VARCHAR NOT NULL,
    eval_set         VARCHAR NOT NULL,
    true_label       VARCHAR NOT NULL,
    predicted        VARCHAR NOT NULL,
    n                INTEGER NOT NULL,
    PRIMARY KEY (detector_version, eval_set, true_label, predicted)
);
COMMENT ON TABLE safety_eval_confusion IS 'Confusion matrix of the crisis detector: true corpus label against the category it gave (none = not flagged).';
COMMENT ON COLUMN safety_eval_confusion.detector_version IS 'The detector version evaluated.';
COMMENT ON COLUMN safety_eval_confusion.eval_set IS 'The evaluation set (see safety_eval_metrics.eval_set).';
COMMENT ON COLUMN safety_eval_confusion.true_label IS 'The corpus label: a risk category or none.';
COMMENT ON COLUMN safety_eval_confusion.predicted IS 'The category the detector gave, or none when it did not flag the message.';
COMMENT ON COLUMN safety_eval_confusion.n IS 'Messages with this true label and prediction.';

CREATE TABLE IF NOT EXISTS safety_eval_cases (
    detector_version VARCHAR NOT NULL,
    eval_set         VARCHAR NOT NULL,
    record_id        VARCHAR NOT NULL,
    outcome          VARCHAR NOT NULL,
    true_label       VARCHAR NOT NULL,
    negative_kind    VARCHAR,
    predicted        VARCHAR NOT NULL,
    layer            VARCHAR,
    score            DOUBLE,
    text             VARCHAR NOT NULL,
    PRIMARY KEY (detector_version, eval_set, record_id)
);
COMMENT ON TABLE safety_eval_cases IS 'Misses and false alarms of the crisis detector, listed for a clinician to read (corpus and dataset texts only; never chat messages).';
COMMENT ON COLUMN safety_eval_cases.detector_version IS 'The detector version evaluated.';
COMMENT ON COLUMN safety_eval_cases.eval_set IS 'The evaluation set (see safety_eval_metrics.eval_set).';
COMMENT ON COLUMN safety_eval_cases.record_id IS 'Corpus record id (e.g. FT-0012) or dataset conversation id.';
COMMENT ON COLUMN safety_eval_cases.outcome IS 'miss (a risk message not flagged) or false_alarm (a no-risk message flagged).';
COMMENT ON COLUMN safety_eval_cases.true_label IS 'The corpus label (risk category or none).';
COMMENT ON COLUMN safety_eval_cases.negative_kind IS 'For a false alarm: the hard-negative kind (idiom, denial, ...).';
COMMENT ON COLUMN safety_eval_cases.predicted IS 'The category the detector gave, or none.';
COMMENT ON COLUMN safety_eval_cases.layer IS 'The layer that fired (pattern, semantic, context), or null for a miss.';
COMMENT ON COLUMN safety_eval_cases.score IS 'The semantic risk score of the message (out of fold for corpus_cv).';
COMMENT ON COLUMN safety_eval_cases.text IS 'The message (for context windows, the earlier turns then the last message, separated by " / ").';
