-- Accidents (事故, issue 25): the first report (快报) and every follow-up appended to it, the chain
-- of levels it passes up (逐级上报, 493 Art. 9–11) with the bodies notified alongside, reporting
-- faults (迟报 computed, 漏报/谎报/瞒报 recorded with evidence), the investigation (team, appraisal
-- pauses, one extension, the Art. 30 report, approval, publication, the one-year evaluation), and
-- lessons pushed to the enterprises of the same industry (一厂出事故、万厂受教育).
-- Rules live in domain/src/accidents; this is the record they read and write.

CREATE TABLE accidents (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 事故编号: SG + the county's 6 digits + year + a sequence (server-assigned, never reused).
  number              text NOT NULL UNIQUE,
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  enterprise_id       uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  unit_name           text NOT NULL,
  industry_code       text,
  stat_industry       text,
  type                text,
  near_miss           boolean NOT NULL DEFAULT false,
  occurred_at         timestamptz NOT NULL,
  -- When the unit's principal learned of it: the unit's hour runs from here (Art. 9).
  learned_at          timestamptz NOT NULL,
  -- When the first level received the report, and whether the unit's report was late and by how much.
  reported_at         timestamptz NOT NULL DEFAULT now(),
  late_minutes        integer NOT NULL DEFAULT 0,
  reported_by         uuid REFERENCES users (id),
  reporter_name       text,
  -- enterprise: the unit's own account; official: a regulator, township or grid worker.
  reporter_kind       text NOT NULL CHECK (reporter_kind IN ('enterprise', 'official')),
  place               text NOT NULL,
  latitude            double precision,
  longitude           double precision,
  description         text NOT NULL,
  measures            text,
  other               text,
  -- The figures on record (the last within the regrade window); null = not known yet.
  deaths              integer CHECK (deaths >= 0),
  serious_injuries    integer CHECK (serious_injuries >= 0),
  minor_injuries      integer CHECK (minor_injuries >= 0),
  missing             integer CHECK (missing >= 0),
  direct_loss_wan_yuan numeric(14, 2) CHECK (direct_loss_wan_yuan >= 0),
  grade               text NOT NULL CHECK (grade IN ('ordinary', 'major', 'serious', 'especiallySerious')),
  grade_by            text[] NOT NULL DEFAULT '{}',
  first_grade         text NOT NULL,
  -- The grade history [{grade, at}], oldest first: the chain's windows are computed from it.
  grades              jsonb NOT NULL DEFAULT '[]',
  status              text NOT NULL DEFAULT 'reporting'
                      CHECK (status IN ('reporting', 'investigating', 'submitted', 'approved', 'published', 'closed')),
  reporting_ended_at  timestamptz,
  attachments         uuid[] NOT NULL DEFAULT '{}',
  -- The investigation: the level (and its region) running it, the team, pauses, extension, report.
  investigating_level text NOT NULL CHECK (investigating_level IN ('county', 'city', 'province', 'national')),
  investigation_started_at timestamptz,
  members             jsonb NOT NULL DEFAULT '[]',
  pauses              jsonb NOT NULL DEFAULT '[]',
  extension_days      integer NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 60),
  extension_reason    text,
  report              jsonb,
  submitted_at        timestamptz,
  submitted_by        uuid REFERENCES users (id),
  approved_at         timestamptz,
  approved_by         uuid REFERENCES users (id),
  published_at        timestamptz,
  evaluated_at        timestamptz,
  evaluation          text,
  -- The enforcement inspection the accident created at its enterprise.
  inspection_id       uuid REFERENCES enforcement_inspections (id),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accidents_region_time_idx ON accidents (region_code, occurred_at);
CREATE INDEX accidents_time_idx ON accidents (occurred_at);
CREATE INDEX accidents_enterprise_idx ON accidents (enterprise_id);
CREATE INDEX accidents_open_idx ON accidents (status) WHERE status <> 'closed';
CREATE INDEX accidents_published_idx ON accidents (published_at DESC) WHERE published_at IS NOT NULL;

-- Every report on the accident, the first included: appended, never changed (trigger below).
CREATE TABLE accident_reports (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  accident_id          uuid NOT NULL REFERENCES accidents (id) ON DELETE CASCADE,
  kind                 text NOT NULL CHECK (kind IN ('first', 'followUp', 'final')),
  at                   timestamptz NOT NULL,
  deaths               integer,
  serious_injuries     integer,
  minor_injuries       integer,
  missing              integer,
  direct_loss_wan_yuan numeric(14, 2),
  text                 text NOT NULL,
  reason               text,
  within_window        boolean NOT NULL DEFAULT true,
  grade_before         text,
  grade_after          text,
  author_id            uuid REFERENCES users (id),
  author_name          text,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accident_reports_accident_idx ON accident_reports (accident_id, created_at);

-- One row per level the report reached (or must reach): receipt, forwarding (越级 when it skips),
-- acknowledgement, and the bodies notified alongside ({body: at}).
CREATE TABLE accident_chain (
  accident_id     uuid NOT NULL REFERENCES accidents (id) ON DELETE CASCADE,
  level           text NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
  region_code     text COLLATE "C" NOT NULL,
  received_at     timestamptz,
  forwarded_at    timestamptz,
  forwarded_to    text,
  forwarded_by    uuid REFERENCES users (id),
  forwarded_by_name text,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  acknowledged_by_name text,
  parallel        jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (accident_id, level)
);
CREATE INDEX accident_chain_waiting_idx ON accident_chain (level, region_code) WHERE forwarded_at IS NULL;

-- 漏报/谎报/瞒报 as a regulator found them, with the evidence; 迟报 is recorded when computed.
CREATE TABLE accident_faults (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  accident_id uuid NOT NULL REFERENCES accidents (id) ON DELETE CASCADE,
  fault       text NOT NULL CHECK (fault IN ('late', 'missed', 'false', 'concealed')),
  minutes     integer,
  evidence    text NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accident_faults_accident_idx ON accident_faults (accident_id);

-- 警示推送: an accident's notice sent to the enterprises of its industry in the sender's region.
CREATE TABLE accident_lessons (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  accident_id  uuid NOT NULL REFERENCES accidents (id) ON DELETE CASCADE,
  region_code  text COLLATE "C" NOT NULL,
  industry_prefix text,
  text         text NOT NULL,
  sent_by      uuid REFERENCES users (id),
  sent_by_name text,
  sent_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE accident_lesson_targets (
  lesson_id       uuid NOT NULL REFERENCES accident_lessons (id) ON DELETE CASCADE,
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text COLLATE "C" NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  self_inspection text,
  PRIMARY KEY (lesson_id, enterprise_id)
);
CREATE INDEX accident_lesson_targets_enterprise_idx ON accident_lesson_targets (enterprise_id) WHERE acknowledged_at IS NULL;

CREATE FUNCTION accident_reports_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'accident reports are appended, never changed' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER accident_reports_append_only BEFORE UPDATE ON accident_reports
  FOR EACH ROW EXECUTE FUNCTION accident_reports_append_only();

GRANT SELECT, INSERT, UPDATE ON accidents, accident_chain, accident_lesson_targets TO taishan_app;
GRANT SELECT, INSERT ON accident_reports, accident_faults, accident_lessons TO taishan_app;

-- Scope: a level sees the accidents of its jurisdiction (a county never a sibling's), an
-- enterprise its own, a department its industries. Children follow their accident.
ALTER TABLE accidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY accidents_scope ON accidents TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
ALTER TABLE accident_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE accident_chain ENABLE ROW LEVEL SECURITY;
ALTER TABLE accident_faults ENABLE ROW LEVEL SECURITY;
ALTER TABLE accident_lessons ENABLE ROW LEVEL SECURITY;
ALTER TABLE accident_lesson_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY accident_reports_scope ON accident_reports TO taishan_app USING (EXISTS (SELECT 1 FROM accidents a WHERE a.id = accident_id));
CREATE POLICY accident_chain_scope ON accident_chain TO taishan_app USING (EXISTS (SELECT 1 FROM accidents a WHERE a.id = accident_id));
CREATE POLICY accident_faults_scope ON accident_faults TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true) = '') AND EXISTS (SELECT 1 FROM accidents a WHERE a.id = accident_id));
-- A lesson is seen by its sender's jurisdiction and by the enterprises it was sent to (their
-- target row), even when the accident itself is another county's.
CREATE POLICY accident_lesson_targets_scope ON accident_lesson_targets TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY accident_lessons_scope ON accident_lessons TO taishan_app
  USING (
    (region_code >= (SELECT current_setting('taishan.region_prefix', true))
     AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
     AND (SELECT current_setting('taishan.enterprise_id', true) = ''))
    OR EXISTS (SELECT 1 FROM accident_lesson_targets t WHERE t.lesson_id = id
               AND t.enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
