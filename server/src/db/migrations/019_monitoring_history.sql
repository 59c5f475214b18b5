-- Monitoring keeps its history (issue 22).
--
-- A sensor with readings or alarms is decommissioned (停用: kept, marked, no longer ingesting or
-- alarming), never deleted: deleting it took its alarms with it (ON DELETE CASCADE), open ones
-- too. Its code is free again for the sensor that replaces it, so the code is unique among the
-- sensors in service only. A trigger refuses to delete a sensor with history by any path (an
-- installation or enterprise deleted with it too), as a foreign key would.
ALTER TABLE sensors ADD COLUMN decommissioned_at timestamptz, ADD COLUMN decommissioned_by text;
ALTER TABLE sensors DROP CONSTRAINT sensors_enterprise_id_code_key;
CREATE UNIQUE INDEX sensors_code_in_service_idx ON sensors (enterprise_id, code) WHERE decommissioned_at IS NULL;
CREATE INDEX alarms_sensor_idx ON alarms (sensor_id);

CREATE FUNCTION sensors_keep_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM sensor_latest WHERE sensor_id = OLD.id) OR EXISTS (SELECT 1 FROM alarms WHERE sensor_id = OLD.id)
     OR EXISTS (SELECT 1 FROM readings_minute WHERE sensor_id = OLD.id) OR EXISTS (SELECT 1 FROM readings WHERE sensor_id = OLD.id) THEN
    RAISE EXCEPTION 'sensor % has readings or alarms: decommission it instead', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER sensors_keep_history BEFORE DELETE ON sensors FOR EACH ROW EXECUTE FUNCTION sensors_keep_history();

-- An open alarm's severity only rises (domain openAlarmAfter): it keeps the furthest zone reached
-- (peak_level) beside the zone the sensor is in now (level). Open alarms that already went past
-- high-high or low-low (their peak value says so) are made critical now.
ALTER TABLE alarms ADD COLUMN peak_level text;
UPDATE alarms a SET
  peak_level = CASE
    WHEN a.kind <> 'threshold' THEN NULL
    WHEN s.high_high IS NOT NULL AND a.peak_value >= s.high_high THEN 'highHigh'
    WHEN s.low_low IS NOT NULL AND a.peak_value <= s.low_low THEN 'lowLow'
    ELSE a.level END,
  severity = CASE
    WHEN a.kind = 'threshold' AND a.status <> 'cleared'
      AND ((s.high_high IS NOT NULL AND a.peak_value >= s.high_high) OR (s.low_low IS NOT NULL AND a.peak_value <= s.low_low))
    THEN 'critical' ELSE a.severity END
FROM sensors s WHERE s.id = a.sensor_id;

-- Escalation goes by step (domain escalationStep): the severity the county was last told of.
ALTER TABLE alarms ADD COLUMN escalated_severity text;
UPDATE alarms SET escalated_severity = severity WHERE escalated_at IS NOT NULL;

-- Notices with a dedupe key are written once per user and key (one per alarm and escalation
-- step); notices with a group key are one entry in the inbox and count once in the bell.
ALTER TABLE notifications ADD COLUMN group_key text, ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
UPDATE notifications SET group_key = 'alarmEscalated:' || to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
WHERE kind = 'alarmEscalated';
