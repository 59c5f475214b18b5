-- Accountability (问责, issue 26): responsibility lists of departments (三管三必须, versioned),
-- officials (党政领导干部) with their duty lists and yearly work items, decisions on the 约谈 triggers
-- of 安委〔2018〕2号, the 约谈 / 黄牌警示 / 通报 records, and 巡查 rounds with their targets and
-- findings. Rules live in domain/src/accountability. Every row carries the region of the
-- government that owns it: a record about a county is the city's (region_code = the city), so the
-- county never reads the decision about itself.

-- Each save of a department's list is a new version; the current one is also written to
-- departments.industries (the scope of the department's inspectors reads it).
CREATE TABLE responsibility_lists (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  version       integer NOT NULL CHECK (version >= 1),
  industries    text[] NOT NULL DEFAULT '{}',
  -- [{category: industry|business|production, text}]
  duties        jsonb NOT NULL DEFAULT '[]',
  note          text,
  saved_by      uuid REFERENCES users (id),
  saved_by_name text NOT NULL,
  saved_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_id, version)
);
CREATE INDEX responsibility_lists_region_idx ON responsibility_lists (region_code);

CREATE TABLE officials (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The government the official belongs to (12 digits: a province, city or county).
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  name          text NOT NULL,
  position      text NOT NULL,
  department_id uuid REFERENCES departments (id) ON DELETE SET NULL,
  user_id       uuid REFERENCES users (id) ON DELETE SET NULL,
  active        boolean NOT NULL DEFAULT true,
  -- 个人安全生产职责清单: one line each.
  duties        jsonb NOT NULL DEFAULT '[]',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officials_region_idx ON officials (region_code);

CREATE TABLE official_work_items (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  official_id  uuid NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title        text NOT NULL,
  due_on       date,
  done_on      date,
  evidence     text,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX official_work_items_official_idx ON official_work_items (official_id, year);
CREATE INDEX official_work_items_open_idx ON official_work_items (region_code, due_on) WHERE done_on IS NULL;

-- A trigger (rule + government + the accident completing the count) is decided once by the level above.
CREATE TABLE accountability_trigger_decisions (
  trigger_key        text PRIMARY KEY,
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  target_region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  rule               text NOT NULL,
  decision           text NOT NULL CHECK (decision IN ('summon', 'dismiss')),
  reason             text,
  record_id          uuid,
  decided_by         uuid REFERENCES users (id),
  decided_by_name    text NOT NULL,
  decided_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accountability_trigger_decisions_region_idx ON accountability_trigger_decisions (region_code);

CREATE TABLE accountability_records (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind               text NOT NULL CHECK (kind IN ('interview', 'yellowCard', 'circular')),
  -- The issuing government (12 digits) and the government concerned.
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  target_region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  number             text UNIQUE,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'held', 'reported', 'closed', 'cancelled')),
  summoned           jsonb NOT NULL DEFAULT '[]',
  summoned_by        text,
  reason             text NOT NULL,
  scheduled_at       timestamptz,
  place              text,
  trigger_key        text,
  rule               text,
  accident_ids       uuid[] NOT NULL DEFAULT '{}',
  issued_at          timestamptz,
  held_at            timestamptz,
  issues             text,
  measures           text,
  -- 书面报告期限: Beijing date, counted in working days (accountability.reportWorkingDays).
  report_due_on      date,
  report_days        integer,
  report_received_at timestamptz,
  report_note        text,
  -- [{at, by, note}], oldest first
  follow_ups         jsonb NOT NULL DEFAULT '[]',
  closed_at          timestamptz,
  closing_note       text,
  cancelled_at       timestamptz,
  cancel_reason      text,
  published_at       timestamptz,
  created_by         uuid REFERENCES users (id),
  created_by_name    text NOT NULL,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accountability_records_region_idx ON accountability_records (region_code, created_at DESC);
CREATE INDEX accountability_records_due_idx ON accountability_records (report_due_on) WHERE status IN ('issued', 'held');

CREATE TABLE tour_rounds (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  term        text NOT NULL,
  title       text NOT NULL,
  starts_on   date NOT NULL,
  ends_on     date NOT NULL CHECK (ends_on >= starts_on),
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tour_rounds_region_idx ON tour_rounds (region_code, starts_on DESC);

CREATE TABLE tour_targets (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id           uuid NOT NULL REFERENCES tour_rounds (id) ON DELETE CASCADE,
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  kind               text NOT NULL CHECK (kind IN ('government', 'department')),
  target_region_code text COLLATE "C" REFERENCES regions (code),
  department_id      uuid REFERENCES departments (id) ON DELETE CASCADE,
  target_name        text NOT NULL,
  planned_on         date,
  visited_on         date,
  team               text,
  summary            text,
  version            integer NOT NULL DEFAULT 1,
  CHECK ((kind = 'government') = (target_region_code IS NOT NULL) AND (kind = 'department') = (department_id IS NOT NULL))
);
-- Each government or department once per round (全覆盖 counts each once).
CREATE UNIQUE INDEX tour_targets_once_idx ON tour_targets (round_id, coalesce(target_region_code, department_id::text));

CREATE TABLE tour_findings (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id   uuid NOT NULL REFERENCES tour_targets (id) ON DELETE CASCADE,
  round_id    uuid NOT NULL REFERENCES tour_rounds (id) ON DELETE CASCADE,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  text        text NOT NULL,
  fix_due_on  date NOT NULL,
  fixed_on    date,
  fix_note    text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tour_findings_open_idx ON tour_findings (region_code, fix_due_on) WHERE fixed_on IS NULL;

GRANT SELECT, INSERT, UPDATE ON responsibility_lists, officials, official_work_items, accountability_trigger_decisions,
  accountability_records, tour_rounds, tour_targets, tour_findings TO taishan_app;

-- The same wall on every table: the owning government's region within the caller's prefix, and no
-- enterprise account. USING and WITH CHECK are written out for reads and writes alike.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['responsibility_lists', 'officials', 'official_work_items', 'accountability_trigger_decisions',
                           'accountability_records', 'tour_rounds', 'tour_targets', 'tour_findings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT TO taishan_app USING (
      region_code >= current_setting('taishan.region_prefix', true)
      AND region_code < current_setting('taishan.region_prefix', true) || '~'
      AND current_setting('taishan.enterprise_id', true) = '')$p$, t || '_read', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT TO taishan_app WITH CHECK (
      region_code >= current_setting('taishan.region_prefix', true)
      AND region_code < current_setting('taishan.region_prefix', true) || '~'
      AND current_setting('taishan.enterprise_id', true) = '')$p$, t || '_insert', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE TO taishan_app USING (
      region_code >= current_setting('taishan.region_prefix', true)
      AND region_code < current_setting('taishan.region_prefix', true) || '~'
      AND current_setting('taishan.enterprise_id', true) = '')$p$, t || '_update', t);
  END LOOP;
END
$$;

-- The departments of the governments over a place (its county, city and province), for resolving
-- an enterprise to its supervisors: a county's regulators read the city's departments' names and
-- industries, which their own scope hides. Returns only those columns.
CREATE FUNCTION departments_over(region text)
  RETURNS TABLE (id uuid, name text, region_code text, industries text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.id, d.name, d.region_code::text, d.industries FROM departments d
  WHERE d.region_code IN (left(region, 6) || '000000', left(region, 4) || '00000000', left(region, 2) || '0000000000')
$$;
GRANT EXECUTE ON FUNCTION departments_over(text) TO taishan_app;
