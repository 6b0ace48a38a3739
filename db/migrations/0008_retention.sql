-- Retention: usage as dated events beside the running counters, deleted conversations kept hidden until the
-- retention job purges them, and a table for the raw audio of voice turns with its own retention window.

-- One row per change to tenant_usage, written in the same transaction, so usage can be summed per day. The
-- retention job deletes rows older than Retention:UsageEvents; the counters in tenant_usage keep their totals.
CREATE TABLE usage_events (
    id                bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         uuid             NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    occurred_at       timestamptz      NOT NULL DEFAULT now(),
    -- 'message': a stored user turn; 'answer': a finished assistant turn; 'speech': recognized or synthesized audio.
    kind              text             NOT NULL CHECK (kind IN ('message', 'answer', 'speech')),
    turns             integer          NOT NULL DEFAULT 0,
    chars_in          bigint           NOT NULL DEFAULT 0,
    chars_out         bigint           NOT NULL DEFAULT 0,
    audio_seconds     double precision NOT NULL DEFAULT 0,
    audio_seconds_out double precision NOT NULL DEFAULT 0
);

CREATE INDEX usage_events_tenant_time_idx ON usage_events (tenant_id, occurred_at);
CREATE INDEX usage_events_time_idx ON usage_events (occurred_at);

-- A deleted conversation keeps its row and turns, hidden from every read, until the retention job purges it
-- after Retention:DeletedConversations.
ALTER TABLE conversations ADD COLUMN deleted_at timestamptz;

CREATE INDEX conversations_deleted_idx ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;

-- The caller's audio of a voice turn, for operators who opt in to keeping it. The retention job deletes rows older
-- than Retention:RawAudio, and a purged conversation takes its audio with it.
CREATE TABLE voice_turn_audio (
    turn_id         uuid        PRIMARY KEY REFERENCES conversation_turns (id) ON DELETE CASCADE,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- 16-bit little-endian mono PCM.
    sample_rate     integer     NOT NULL CHECK (sample_rate > 0),
    audio           bytea       NOT NULL
);

CREATE INDEX voice_turn_audio_time_idx ON voice_turn_audio (created_at);
