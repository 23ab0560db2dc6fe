-- The dataset: personas, scenarios, conversations (two turns + factor spans), splits and clinical reviews.

CREATE TABLE IF NOT EXISTS personas (
    persona_id          INTEGER PRIMARY KEY,
    first_name          VARCHAR NOT NULL,
    age                 INTEGER NOT NULL CHECK (age BETWEEN 18 AND 100),
    age_band            VARCHAR NOT NULL,
    gender              VARCHAR NOT NULL,
    ethnicity           VARCHAR NOT NULL,
    education           VARCHAR NOT NULL,
    occupation          VARCHAR NOT NULL,
    trauma_type         VARCHAR NOT NULL,
    trauma_label        VARCHAR NOT NULL,
    years_since_trauma  INTEGER,
    symptoms            VARCHAR[] NOT NULL,
    symptom_clusters    VARCHAR[] NOT NULL,
    severity            VARCHAR,
    pcl5_score          INTEGER,
    support_level       VARCHAR,
    support_people      VARCHAR[],
    partner             VARCHAR,
    children            INTEGER,
    communication_style VARCHAR,
    is_synthetic        BOOLEAN NOT NULL,
    source              VARCHAR NOT NULL,
    extra_json          VARCHAR
);
COMMENT ON TABLE personas IS 'One row per PTSD client persona. Generated personas are synthetic (is_synthetic = true).';
COMMENT ON COLUMN personas.persona_id IS 'Persona number, 1..N; stable for a given seed.';
COMMENT ON COLUMN personas.first_name IS 'Invented first name used in the persona''s voice.';
COMMENT ON COLUMN personas.age IS 'Age in years (18-80 by default).';
COMMENT ON COLUMN personas.age_band IS 'Age band: 18-29, 30-44, 45-64 or 65-80.';
COMMENT ON COLUMN personas.gender IS 'woman, man or non-binary.';
COMMENT ON COLUMN personas.ethnicity IS 'Ethnicity, US census-style categories.';
COMMENT ON COLUMN personas.education IS 'Highest education: high_school_or_less, some_college, bachelors, graduate.';
COMMENT ON COLUMN personas.occupation IS 'Occupation (first-responder and military jobs follow the trauma type).';
COMMENT ON COLUMN personas.trauma_type IS 'Index trauma, a slug such as combat, sexual_assault, house_fire.';
COMMENT ON COLUMN personas.trauma_label IS 'Index trauma in words.';
COMMENT ON COLUMN personas.years_since_trauma IS 'Whole years since the index trauma (0 = this year).';
COMMENT ON COLUMN personas.symptoms IS 'Symptom profile: at least one symptom from each DSM-5 PTSD cluster, more with severity.';
COMMENT ON COLUMN personas.symptom_clusters IS 'Clusters covered: intrusion, avoidance, mood_cognition, arousal, associated.';
COMMENT ON COLUMN personas.severity IS 'mild, moderate or severe.';
COMMENT ON COLUMN personas.pcl5_score IS 'Simulated PCL-5 total (0-80) consistent with severity; not a measurement.';
COMMENT ON COLUMN personas.support_level IS 'Social support: strong, moderate, limited or isolated.';
COMMENT ON COLUMN personas.support_people IS 'Who the persona can lean on (sibling, close friend, peer support group, ...).';
COMMENT ON COLUMN personas.partner IS 'wife, husband, partner, girlfriend, boyfriend, or NULL when single.';
COMMENT ON COLUMN personas.children IS 'Number of children.';
COMMENT ON COLUMN personas.communication_style IS 'Voice of the client messages: terse, guarded, verbose, direct, self_critical, reflective.';
COMMENT ON COLUMN personas.is_synthetic IS 'True when the persona was generated rather than recorded from a person.';
COMMENT ON COLUMN personas.source IS 'generator (this project) or tide_release (imported from the published TIDE files).';
COMMENT ON COLUMN personas.extra_json IS 'Imported metadata fields with no column here, as JSON; NULL for generated personas.';

CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id      VARCHAR PRIMARY KEY,
    title            VARCHAR NOT NULL,
    description      VARCHAR NOT NULL,
    primary_emotions VARCHAR[] NOT NULL,
    cluster          VARCHAR NOT NULL
);
COMMENT ON TABLE scenarios IS 'The scenario registry: situations a client brings, with their primary emotions.';
COMMENT ON COLUMN scenarios.scenario_id IS 'Scenario slug, e.g. nightmare, anniversary, substance_urges.';
COMMENT ON COLUMN scenarios.title IS 'Short human title.';
COMMENT ON COLUMN scenarios.description IS 'One-sentence description of the situation.';
COMMENT ON COLUMN scenarios.primary_emotions IS 'Emotions the client typically expresses in this scenario.';
COMMENT ON COLUMN scenarios.cluster IS 'PTSD symptom cluster it mostly speaks to: intrusion, avoidance, mood, arousal.';

CREATE TABLE IF NOT EXISTS conversations (
    conversation_id  VARCHAR PRIMARY KEY,
    persona_id       INTEGER NOT NULL REFERENCES personas (persona_id),
    conv_index       INTEGER NOT NULL,
    scenario_id      VARCHAR REFERENCES scenarios (scenario_id),
    client_message   VARCHAR NOT NULL,
    reference_reply  VARCHAR NOT NULL,
    factor_order     VARCHAR,
    validates_first  BOOLEAN,
    er_start         INTEGER,
    er_end           INTEGER,
    dn_start         INTEGER,
    dn_end           INTEGER,
    sr_start         INTEGER,
    sr_end           INTEGER,
    is_risk          BOOLEAN NOT NULL,
    risk_type        VARCHAR,
    reference_source VARCHAR NOT NULL,
    is_synthetic     BOOLEAN NOT NULL,
    UNIQUE (persona_id, conv_index)
);
COMMENT ON TABLE conversations IS 'Two-turn dialogues: the client message and the reference supportive reply, with empathy-factor spans.';
COMMENT ON COLUMN conversations.conversation_id IS 'P<persona>-C<index>, e.g. P0007-C12.';
COMMENT ON COLUMN conversations.persona_id IS 'The persona speaking (personas.persona_id).';
COMMENT ON COLUMN conversations.conv_index IS 'Conversation number within the persona, 1..20.';
COMMENT ON COLUMN conversations.scenario_id IS 'The scenario (scenarios.scenario_id); NULL when an imported file has none.';
COMMENT ON COLUMN conversations.client_message IS 'Turn 1: the client''s message, in the persona''s voice.';
COMMENT ON COLUMN conversations.reference_reply IS 'Turn 2: the reference supportive reply.';
COMMENT ON COLUMN conversations.factor_order IS 'Order of the empathy factors in the reply, e.g. ER>DN>SR (ER emotion recognition, DN distress normalization, SR supportive reflection).';
COMMENT ON COLUMN conversations.validates_first IS 'True when distress normalization comes before supportive reflection.';
COMMENT ON COLUMN conversations.er_start IS 'Start offset (0-based characters) of the emotion-recognition span in reference_reply.';
COMMENT ON COLUMN conversations.er_end IS 'End offset (exclusive) of the emotion-recognition span.';
COMMENT ON COLUMN conversations.dn_start IS 'Start offset of the distress-normalization span.';
COMMENT ON COLUMN conversations.dn_end IS 'End offset (exclusive) of the distress-normalization span.';
COMMENT ON COLUMN conversations.sr_start IS 'Start offset of the supportive-reflection span.';
COMMENT ON COLUMN conversations.sr_end IS 'End offset (exclusive) of the supportive-reflection span.';
COMMENT ON COLUMN conversations.is_risk IS 'True when the client message carries risk language; the reply follows the safety protocol.';
COMMENT ON COLUMN conversations.risk_type IS 'hopelessness or passive_death_wish; NULL when is_risk is false.';
COMMENT ON COLUMN conversations.reference_source IS 'Who wrote the reference: generator, tide_release or a model backend.';
COMMENT ON COLUMN conversations.is_synthetic IS 'True when the text was generated rather than written by a person.';

CREATE TABLE IF NOT EXISTS splits (
    persona_id INTEGER PRIMARY KEY REFERENCES personas (persona_id),
    split      VARCHAR NOT NULL CHECK (split IN ('train', 'validation', 'test')),
    split_seed INTEGER NOT NULL
);
COMMENT ON TABLE splits IS 'Train / validation / test assignment by persona: no persona is in two splits.';
COMMENT ON COLUMN splits.persona_id IS 'The persona (personas.persona_id).';
COMMENT ON COLUMN splits.split IS 'train, validation or test.';
COMMENT ON COLUMN splits.split_seed IS 'Seed of the hash that assigned the split (stable when the persona count changes).';

CREATE TABLE IF NOT EXISTS reviews (
    review_id       VARCHAR PRIMARY KEY,
    conversation_id VARCHAR NOT NULL REFERENCES conversations (conversation_id),
    status          VARCHAR NOT NULL CHECK (status IN ('pending', 'approved', 'flagged', 'edited')),
    reviewer        VARCHAR NOT NULL,
    notes           VARCHAR,
    edited_reply    VARCHAR,
    reviewed_at     TIMESTAMP NOT NULL
);
COMMENT ON TABLE reviews IS 'Clinical review history, append-only: the latest row per conversation is its status (none = pending).';
COMMENT ON COLUMN reviews.review_id IS 'Unique id of this review event.';
COMMENT ON COLUMN reviews.conversation_id IS 'The reviewed conversation.';
COMMENT ON COLUMN reviews.status IS 'pending, approved, flagged or edited.';
COMMENT ON COLUMN reviews.reviewer IS 'Who reviewed (name or id of the clinician).';
COMMENT ON COLUMN reviews.notes IS 'Free-text notes of the reviewer.';
COMMENT ON COLUMN reviews.edited_reply IS 'The corrected reference reply when status is edited.';
COMMENT ON COLUMN reviews.reviewed_at IS 'When the review was made (UTC).';
