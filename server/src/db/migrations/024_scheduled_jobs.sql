-- Several server processes against one database (issue 22, item 21). Each scheduled job has a
-- row: when it is next due, how often it runs, and which process (TAISHAN_INSTANCE) runs it now.
-- A process claims a due job by locking its row (FOR UPDATE SKIP LOCKED) and moving next_run_at
-- on in the same transaction, so each due time is run by one process only; every run is kept in
-- scheduled_job_runs, whose key (job, due time) holds that even against a bug in the claim.
CREATE TABLE scheduled_jobs (
  name            text PRIMARY KEY,
  every_seconds   integer NOT NULL CHECK (every_seconds > 0),
  next_run_at     timestamptz NOT NULL DEFAULT now(),
  running_by      text,
  running_since   timestamptz,
  last_run_at     timestamptz,
  last_finished_at timestamptz,
  last_error      text,
  runs            bigint NOT NULL DEFAULT 0
);

CREATE TABLE scheduled_job_runs (
  name        text NOT NULL REFERENCES scheduled_jobs (name) ON DELETE CASCADE,
  due_at      timestamptz NOT NULL,
  instance    text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  error       text,
  PRIMARY KEY (name, due_at)
);
CREATE INDEX scheduled_job_runs_started ON scheduled_job_runs (started_at);

-- Two processes making the same day's partition at once would collide in the catalogue; the
-- function now takes a transaction lock first, so the second waits and finds it made.
CREATE OR REPLACE FUNCTION ensure_reading_partitions(from_day date, days integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d date;
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7174);
  FOR i IN 0 .. days - 1 LOOP
    d := from_day + i;
    IF to_regclass('readings_' || to_char(d, 'YYYYMMDD')) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)',
        'readings_' || to_char(d, 'YYYYMMDD'), d::timestamptz, (d + 1)::timestamptz);
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END;
$$;
