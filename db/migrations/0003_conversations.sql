-- Conversations and their turns as relational rows, so history pages and analytics read PostgreSQL
-- rather than grain state.

CREATE TABLE conversations (
    id               uuid        PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    title            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversations_tenant_activity_idx ON conversations (tenant_id, last_activity_at DESC);

CREATE TABLE conversation_turns (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sequence        bigint      NOT NULL CHECK (sequence > 0),
    role            text        NOT NULL CHECK (role IN ('user', 'assistant')),
    modality        text        NOT NULL CHECK (modality IN ('text', 'voice')),
    text            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Two activations of one conversation can never store two turns under one number.
    CONSTRAINT conversation_turns_sequence_key UNIQUE (conversation_id, sequence)
);
