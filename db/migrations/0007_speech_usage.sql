-- Seconds of synthesized speech per tenant. The existing audio_seconds column counts the audio that callers send in
-- (recognized speech); this one counts the audio that the service sends out.
ALTER TABLE tenant_usage
    ADD COLUMN audio_seconds_out double precision NOT NULL DEFAULT 0;
