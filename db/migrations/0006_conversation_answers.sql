-- Grounded conversations: a conversation may name the knowledge base it answers from, and each turn records how
-- it ended, the passages it cites, its timings and its size, so history pages and usage read PostgreSQL.

ALTER TABLE conversations
    ADD COLUMN knowledge_base_id uuid REFERENCES knowledge_bases (id) ON DELETE SET NULL,
    ADD COLUMN language text NOT NULL DEFAULT 'en',
    ADD COLUMN voice text;

ALTER TABLE conversation_turns
    -- 'streaming' marks an assistant turn whose answer is still being generated.
    ADD COLUMN status text NOT NULL DEFAULT 'completed'
        CHECK (status IN ('streaming', 'completed', 'cancelled', 'failed')),
    ADD COLUMN sources jsonb NOT NULL DEFAULT '[]',
    -- The user turn that an assistant turn answers.
    ADD COLUMN reply_to uuid REFERENCES conversation_turns (id) ON DELETE CASCADE,
    -- The client's Idempotency-Key of a user turn: a retry with the same key returns the stored turn.
    ADD COLUMN idempotency_key text,
    ADD COLUMN retrieval_ms integer,
    ADD COLUMN answer_ms integer,
    ADD COLUMN completed_at timestamptz,
    ADD COLUMN error text,
    ADD CONSTRAINT conversation_turns_idempotency_key UNIQUE (conversation_id, idempotency_key);

-- Counters per tenant, added to in the transactions that store turns.
CREATE TABLE tenant_usage (
    tenant_id     uuid             PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    turns         bigint           NOT NULL DEFAULT 0,
    chars_in      bigint           NOT NULL DEFAULT 0,
    chars_out     bigint           NOT NULL DEFAULT 0,
    audio_seconds double precision NOT NULL DEFAULT 0,
    updated_at    timestamptz      NOT NULL DEFAULT now()
);
