-- Minute aggregates of the minute still running are kept in memory by the telemetry pipeline and
-- written once the minute is over (writing them with every batch cost a fifth of the write).
-- The watermark says how far readings_minute is complete: every committed reading of a minute
-- before it is counted there. At start the server recounts the minutes from the watermark on
-- from the readings themselves, so a crash loses no count and counts nothing twice.
CREATE TABLE telemetry_watermark (
  singleton               boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  minutes_complete_before timestamptz NOT NULL
);
-- Until now every batch wrote its aggregates at once: complete up to this minute.
INSERT INTO telemetry_watermark (minutes_complete_before) VALUES (date_trunc('minute', now()));
