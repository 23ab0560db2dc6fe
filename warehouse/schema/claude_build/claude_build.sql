-- The Claude build's state and provenance (python -m tide_core build --generator claude; tide_core/claude_build).
-- Applied only to a warehouse built by Claude: its requests, batches and attempts are written as they happen, so a
-- killed run resumes from here without sending a request twice. The bank-built conversations of the same plan are
-- kept beside them (bank_conversations) for the Dataset page's side-by-side comparison.

CREATE TABLE claude_builds (
    build_key      VARCHAR PRIMARY KEY,
    model          VARCHAR NOT NULL,
    prompt_version VARCHAR NOT NULL,
    prompt_text    VARCHAR NOT NULL,
    settings_json  VARCHAR NOT NULL,
    config_json    VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP
);
COMMENT ON TABLE claude_builds IS 'Claude-built warehouses only (build --generator claude). One row per Claude build in this warehouse: the model, the versioned prompt (its whole text) and the settings it ran with.';
COMMENT ON COLUMN claude_builds.build_key IS 'Hash of the dataset config, the model and the prompt version: a rerun with the same key resumes.';
COMMENT ON COLUMN claude_builds.model IS 'The Claude model that wrote the conversations.';
COMMENT ON COLUMN claude_builds.prompt_version IS '<version>-<hash of tide_core/claude_build/data/prompt.yaml>.';
COMMENT ON COLUMN claude_builds.prompt_text IS 'The whole prompt file the build used.';
COMMENT ON COLUMN claude_builds.settings_json IS 'The build settings (price table, attempts, batch size, checks) as JSON.';
COMMENT ON COLUMN claude_builds.config_json IS 'The DatasetConfig (personas, conversations, seed, ...) as JSON.';
COMMENT ON COLUMN claude_builds.created_at IS 'When the build started (UTC).';
COMMENT ON COLUMN claude_builds.finished_at IS 'When every request was done or rejected (UTC); NULL while in progress.';

CREATE TABLE claude_batches (
    batch_id       VARCHAR PRIMARY KEY,
    build_key      VARCHAR NOT NULL,
    state          VARCHAR NOT NULL CHECK (state IN ('creating', 'in_progress', 'applied')),
    n_requests     INTEGER NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    applied_at     TIMESTAMP,
    request_counts VARCHAR
);
COMMENT ON TABLE claude_batches IS 'Claude-built warehouses only (build --generator claude). Message Batches sent to the Anthropic API, and whether their results were applied.';
COMMENT ON COLUMN claude_batches.batch_id IS 'The API''s batch id (msgbatch_...); local-... while the create call is in flight.';
COMMENT ON COLUMN claude_batches.build_key IS 'The build (claude_builds.build_key).';
COMMENT ON COLUMN claude_batches.state IS 'creating (sent, id not yet recorded), in_progress, or applied (results checked and stored).';
COMMENT ON COLUMN claude_batches.n_requests IS 'Requests in the batch.';
COMMENT ON COLUMN claude_batches.created_at IS 'When the batch was sent (UTC).';
COMMENT ON COLUMN claude_batches.applied_at IS 'When its results were applied (UTC).';
COMMENT ON COLUMN claude_batches.request_counts IS 'The API''s final request counts (succeeded, errored, canceled, expired) as JSON.';

CREATE TABLE claude_requests (
    conversation_id VARCHAR PRIMARY KEY,
    build_key       VARCHAR NOT NULL,
    persona_id      INTEGER NOT NULL,
    conv_index      INTEGER NOT NULL,
    scenario_id     VARCHAR NOT NULL,
    factor_order    VARCHAR NOT NULL,
    risk_type       VARCHAR,
    state           VARCHAR NOT NULL CHECK (state IN ('pending', 'in_batch', 'done', 'rejected')),
    attempts        INTEGER NOT NULL,
    batch_id        VARCHAR,
    last_reason     VARCHAR,
    retry_reason    VARCHAR,
    updated_at      TIMESTAMP NOT NULL
);
COMMENT ON TABLE claude_requests IS 'Claude-built warehouses only (build --generator claude). One row per planned conversation of the Claude build: its plan and where its request stands.';
COMMENT ON COLUMN claude_requests.conversation_id IS 'P<persona>-C<index>, as in conversations (and bank_conversations).';
COMMENT ON COLUMN claude_requests.build_key IS 'The build (claude_builds.build_key).';
COMMENT ON COLUMN claude_requests.persona_id IS 'The persona (personas.persona_id).';
COMMENT ON COLUMN claude_requests.conv_index IS 'Conversation number within the persona.';
COMMENT ON COLUMN claude_requests.scenario_id IS 'The planned scenario.';
COMMENT ON COLUMN claude_requests.factor_order IS 'The factor order asked for, e.g. ER>DN>SR.';
COMMENT ON COLUMN claude_requests.risk_type IS 'The planned risk language (hopelessness, passive_death_wish) or NULL.';
COMMENT ON COLUMN claude_requests.state IS 'pending (to send), in_batch (sent, waiting), done (validated, in conversations) or rejected (failed every attempt).';
COMMENT ON COLUMN claude_requests.attempts IS 'Requests sent so far for this conversation.';
COMMENT ON COLUMN claude_requests.batch_id IS 'The batch of the latest request.';
COMMENT ON COLUMN claude_requests.last_reason IS 'Why the latest answer failed (for rejected rows: the reason it was rejected); NULL when done.';
COMMENT ON COLUMN claude_requests.retry_reason IS 'What the next request tells Claude to fix (NULL when the failure was not Claude''s answer, e.g. an expired request).';
COMMENT ON COLUMN claude_requests.updated_at IS 'Last change (UTC).';

CREATE TABLE claude_attempts (
    custom_id          VARCHAR PRIMARY KEY,
    conversation_id    VARCHAR NOT NULL,
    attempt            INTEGER NOT NULL,
    batch_id           VARCHAR NOT NULL,
    result_type        VARCHAR NOT NULL,
    outcome            VARCHAR NOT NULL CHECK (outcome IN ('done', 'retry', 'rejected')),
    reason             VARCHAR,
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    cache_write_tokens BIGINT,
    cache_read_tokens  BIGINT,
    cost_usd           DOUBLE,
    recorded_at        TIMESTAMP NOT NULL
);
COMMENT ON TABLE claude_attempts IS 'Claude-built warehouses only (build --generator claude). Every answered request of the Claude build: the batch result, the checks'' verdict, tokens and cost.';
COMMENT ON COLUMN claude_attempts.custom_id IS 'The request''s custom_id in its batch: <conversation_id>-a<attempt>.';
COMMENT ON COLUMN claude_attempts.conversation_id IS 'The conversation (claude_requests.conversation_id).';
COMMENT ON COLUMN claude_attempts.attempt IS '1 for the first request, 2... for retries.';
COMMENT ON COLUMN claude_attempts.batch_id IS 'The batch it was sent in.';
COMMENT ON COLUMN claude_attempts.result_type IS 'The batch result: succeeded, errored, canceled, expired (or missing).';
COMMENT ON COLUMN claude_attempts.outcome IS 'done (validated, landed), retry (sent again with the reason) or rejected (attempts used up).';
COMMENT ON COLUMN claude_attempts.reason IS 'Why the answer failed the checks or the request failed; NULL when done.';
COMMENT ON COLUMN claude_attempts.input_tokens IS 'Uncached input tokens billed (NULL without a message).';
COMMENT ON COLUMN claude_attempts.output_tokens IS 'Output tokens billed.';
COMMENT ON COLUMN claude_attempts.cache_write_tokens IS 'Input tokens written to the prompt cache.';
COMMENT ON COLUMN claude_attempts.cache_read_tokens IS 'Input tokens read from the prompt cache.';
COMMENT ON COLUMN claude_attempts.cost_usd IS 'Cost by the build''s price table, batch discount applied.';
COMMENT ON COLUMN claude_attempts.recorded_at IS 'When the result was applied (UTC).';

-- The columns of conversations (warehouse/schema/dataset.sql), taken from it rather than repeated: CREATE TABLE AS
-- copies names and types only, so the key and the NOT NULLs are set again (no foreign keys: a comparison table).
CREATE TABLE bank_conversations AS SELECT * FROM conversations WHERE false;
ALTER TABLE bank_conversations ADD PRIMARY KEY (conversation_id);
ALTER TABLE bank_conversations ALTER COLUMN persona_id SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN conv_index SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN client_message SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN reference_reply SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN is_risk SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN reference_source SET NOT NULL;
ALTER TABLE bank_conversations ALTER COLUMN is_synthetic SET NOT NULL;
COMMENT ON TABLE bank_conversations IS 'Claude-built warehouses only (build --generator claude). The bank generator''s conversations for the same plan as the Claude build (same personas, scenarios, factor orders, risk), for comparison; same columns as conversations.';
COMMENT ON COLUMN bank_conversations.conversation_id IS 'P<persona>-C<index>: the same id as the Claude-built conversation of the same plan.';
COMMENT ON COLUMN bank_conversations.persona_id IS 'The persona (personas.persona_id).';
COMMENT ON COLUMN bank_conversations.conv_index IS 'Conversation number within the persona.';
COMMENT ON COLUMN bank_conversations.scenario_id IS 'The scenario.';
COMMENT ON COLUMN bank_conversations.client_message IS 'Turn 1, from the phrase banks.';
COMMENT ON COLUMN bank_conversations.reference_reply IS 'Turn 2, from the phrase banks.';
COMMENT ON COLUMN bank_conversations.factor_order IS 'Order of the empathy factors, e.g. ER>DN>SR.';
COMMENT ON COLUMN bank_conversations.validates_first IS 'True when distress normalization comes before supportive reflection.';
COMMENT ON COLUMN bank_conversations.er_start IS 'Start offset of the emotion-recognition span.';
COMMENT ON COLUMN bank_conversations.er_end IS 'End offset (exclusive) of the emotion-recognition span.';
COMMENT ON COLUMN bank_conversations.dn_start IS 'Start offset of the distress-normalization span.';
COMMENT ON COLUMN bank_conversations.dn_end IS 'End offset (exclusive) of the distress-normalization span.';
COMMENT ON COLUMN bank_conversations.sr_start IS 'Start offset of the supportive-reflection span.';
COMMENT ON COLUMN bank_conversations.sr_end IS 'End offset (exclusive) of the supportive-reflection span.';
COMMENT ON COLUMN bank_conversations.is_risk IS 'True when the client message carries risk language.';
COMMENT ON COLUMN bank_conversations.risk_type IS 'hopelessness or passive_death_wish; NULL when is_risk is false.';
COMMENT ON COLUMN bank_conversations.reference_source IS 'generator (the phrase banks).';
COMMENT ON COLUMN bank_conversations.is_synthetic IS 'True: generated text.';
