-- Major hazard installations online (重大危险源在线监测): sensors, their readings, alarms.
--
-- readings are partitioned by day (created ahead by ensure_reading_partitions, dropped by the
-- retention job) and unique on (sensor, ts), so a re-delivered batch writes nothing twice.
-- Readings that cannot be used (unknown sensor, out of range, late, malformed) are kept in
-- telemetry_dead_letters with the reason, never lost and never crashing the pipeline.

CREATE TABLE sensors (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  installation_id  uuid NOT NULL REFERENCES major_hazard_installations (id) ON DELETE CASCADE,
  enterprise_id    uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code      text COLLATE "C" NOT NULL DEFAULT '',
  industry_code    text NOT NULL DEFAULT '',
  code             text NOT NULL,
  name             text NOT NULL,
  type             text NOT NULL CHECK (type IN ('combustibleGas', 'toxicGas', 'level', 'pressure', 'temperature', 'flow')),
  unit             text NOT NULL,
  range_min        double precision NOT NULL,
  range_max        double precision NOT NULL,
  low_low          double precision,
  low              double precision,
  high             double precision,
  high_high        double precision,
  hysteresis       double precision NOT NULL DEFAULT 0,
  rate_limit       double precision,
  offline_seconds  integer NOT NULL DEFAULT 300,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, code)
);
CREATE INDEX sensors_region_idx ON sensors (region_code);
CREATE INDEX sensors_installation_idx ON sensors (installation_id);

-- A sensor's place is its enterprise's, kept by triggers as for hazards.
CREATE FUNCTION sensors_copy_enterprise() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT e.region_code, e.industry_code INTO NEW.region_code, NEW.industry_code FROM enterprises e WHERE e.id = NEW.enterprise_id;
  RETURN NEW;
END $$;
CREATE TRIGGER sensors_copy_enterprise BEFORE INSERT OR UPDATE OF enterprise_id ON sensors
  FOR EACH ROW EXECUTE FUNCTION sensors_copy_enterprise();
CREATE FUNCTION enterprises_move_sensors() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE sensors SET region_code = NEW.region_code, industry_code = NEW.industry_code WHERE enterprise_id = NEW.id;
  UPDATE alarms SET region_code = NEW.region_code, industry_code = NEW.industry_code WHERE enterprise_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprises_move_sensors AFTER UPDATE OF region_code, industry_code ON enterprises
  FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.industry_code IS DISTINCT FROM NEW.industry_code)
  EXECUTE FUNCTION enterprises_move_sensors();

-- The latest value per sensor (the wall's status table), upserted with each batch.
CREATE TABLE sensor_latest (
  sensor_id  uuid PRIMARY KEY REFERENCES sensors (id) ON DELETE CASCADE,
  ts         timestamptz NOT NULL,
  value      double precision NOT NULL,
  zone       text,
  rate_high  boolean NOT NULL DEFAULT false
);

CREATE TABLE readings (
  sensor_id  uuid NOT NULL,
  ts         timestamptz NOT NULL,
  value      double precision NOT NULL,
  PRIMARY KEY (sensor_id, ts)
) PARTITION BY RANGE (ts);

-- Daily partitions from `from_day` for `days` days (idempotent).
CREATE FUNCTION ensure_reading_partitions(from_day date, days integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d date;
  made integer := 0;
BEGIN
  FOR i IN 0 .. days - 1 LOOP
    d := from_day + i;
    IF to_regclass('readings_' || to_char(d, 'YYYYMMDD')) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)',
        'readings_' || to_char(d, 'YYYYMMDD'), d::timestamptz, (d + 1)::timestamptz);
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END $$;

-- One-minute aggregates for charts: one row per sensor and minute, merged as batches arrive.
CREATE TABLE readings_minute (
  sensor_id  uuid NOT NULL,
  minute     timestamptz NOT NULL,
  n          integer NOT NULL,
  sum        double precision NOT NULL,
  min        double precision NOT NULL,
  max        double precision NOT NULL,
  PRIMARY KEY (sensor_id, minute)
);

CREATE TABLE telemetry_dead_letters (
  id           bigserial PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  source       text NOT NULL,
  credit_code  text,
  reason       text NOT NULL,
  payload      text NOT NULL
);
CREATE INDEX telemetry_dead_letters_time_idx ON telemetry_dead_letters (received_at);

CREATE TABLE alarms (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sensor_id           uuid NOT NULL REFERENCES sensors (id) ON DELETE CASCADE,
  enterprise_id       uuid NOT NULL,
  region_code         text COLLATE "C" NOT NULL,
  industry_code       text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('threshold', 'rate', 'offline')),
  severity            text NOT NULL CHECK (severity IN ('critical', 'major', 'warning')),
  level               text,
  status              text NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'acknowledged', 'handled', 'cleared')),
  condition_active    boolean NOT NULL DEFAULT true,
  first_value         double precision,
  last_value          double precision,
  peak_value          double precision,
  raised_at           timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  condition_cleared_at timestamptz,
  acknowledged_by     text,
  acknowledged_at     timestamptz,
  handled_by          text,
  handled_at          timestamptz,
  disposal            text,
  cleared_by          text,
  cleared_at          timestamptz,
  escalated_at        timestamptz,
  version             integer NOT NULL DEFAULT 1
);
-- One open alarm per sensor and kind: a re-trigger updates it.
CREATE UNIQUE INDEX alarms_open_idx ON alarms (sensor_id, kind) WHERE status <> 'cleared';
CREATE INDEX alarms_region_open_idx ON alarms (region_code, raised_at DESC) WHERE status <> 'cleared';
CREATE INDEX alarms_region_time_idx ON alarms (region_code, raised_at DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON sensors TO taishan_app;
GRANT SELECT ON sensor_latest, readings, readings_minute TO taishan_app;
GRANT SELECT, UPDATE ON alarms TO taishan_app;

ALTER TABLE sensors ENABLE ROW LEVEL SECURITY;
ALTER TABLE alarms ENABLE ROW LEVEL SECURITY;
CREATE POLICY sensors_scope ON sensors TO taishan_app
  USING (region_code >= current_setting('taishan.region_prefix', true)
         AND region_code < current_setting('taishan.region_prefix', true) || '~'
         AND (current_setting('taishan.enterprise_id', true) = '' OR enterprise_id::text = current_setting('taishan.enterprise_id', true))
         AND (current_setting('taishan.industries', true) = '*'
              OR left(industry_code, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ','))));
CREATE POLICY alarms_scope ON alarms TO taishan_app
  USING (region_code >= current_setting('taishan.region_prefix', true)
         AND region_code < current_setting('taishan.region_prefix', true) || '~'
         AND (current_setting('taishan.enterprise_id', true) = '' OR enterprise_id::text = current_setting('taishan.enterprise_id', true))
         AND (current_setting('taishan.industries', true) = '*'
              OR left(industry_code, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ','))));
