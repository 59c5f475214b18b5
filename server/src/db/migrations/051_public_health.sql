-- Public health base tables (公共卫生, issue 28). Written by the skeleton so the parts can build in
-- parallel; owner: cases (facilities, diseases, ph_cases, ph_tasks), events (ph_events). Rules are
-- domain/src/public-health/*.ts. A case's person is personal data: sealed with the keyring (aad = the
-- case id), shown masked to everyone but the reviewers of its jurisdiction, never in the audit or log.

-- A health facility is a directory unit (enterprises row, industry 84 卫生) with its kind.
CREATE TABLE ph_facilities (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id),
  kind          text NOT NULL CHECK (kind IN ('hospital', 'clinic', 'cdc', 'isolation')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Diseases and their class, versioned by date: a report is judged by the version in force on its
-- diagnosis date (2013 list, later notices, the 2025 law marked provisional).
CREATE TABLE ph_diseases (
  code       text COLLATE "C" PRIMARY KEY,
  name_zh    text NOT NULL,
  name_en    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ph_disease_versions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  disease_code       text COLLATE "C" NOT NULL REFERENCES ph_diseases (code),
  class              text NOT NULL CHECK (class IN ('A', 'B', 'C')),
  managed_as_class_a boolean NOT NULL DEFAULT false,
  effective_from     date NOT NULL,
  effective_to       date,
  provisional        boolean NOT NULL DEFAULT false,
  source             text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX ph_disease_versions_idx ON ph_disease_versions (disease_code, effective_from);

-- A 传染病报告卡. region_code: the residence (township, for clusters and levels);
-- report_region_code: the facility's. Either in scope makes it visible; a facility sees its own.
CREATE TABLE ph_cases (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number             text NOT NULL UNIQUE,
  disease_code       text COLLATE "C" NOT NULL REFERENCES ph_diseases (code),
  classification     text NOT NULL CHECK (classification IN ('suspected', 'clinical', 'confirmed', 'carrier')),
  onset_at           timestamptz,
  diagnosed_at       timestamptz NOT NULL,
  reported_at        timestamptz NOT NULL DEFAULT now(),
  deadline_at        timestamptz NOT NULL,
  late               boolean NOT NULL DEFAULT false,
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  report_region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  facility_id        uuid NOT NULL REFERENCES enterprises (id),
  reporter_id        uuid REFERENCES users (id),
  person_sealed      text NOT NULL,
  person_masked      jsonb NOT NULL,
  person_key         text NOT NULL,
  sex                text CHECK (sex IN ('male', 'female')),
  age_years          integer CHECK (age_years BETWEEN 0 AND 150),
  status             text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'returned', 'reviewed', 'merged', 'revoked')),
  review_due_at      timestamptz NOT NULL,
  reviewed_by        uuid REFERENCES users (id),
  reviewed_at        timestamptz,
  merged_into        uuid REFERENCES ph_cases (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (onset_at IS NULL OR onset_at <= diagnosed_at)
);
-- Cluster detection: cases of one disease in one township in a window.
CREATE INDEX ph_cases_cluster_idx ON ph_cases (disease_code, region_code, diagnosed_at);
CREATE INDEX ph_cases_report_region_idx ON ph_cases (report_region_code, reported_at);
CREATE INDEX ph_cases_person_idx ON ph_cases (person_key, disease_code);
CREATE INDEX ph_cases_facility_idx ON ph_cases (facility_id, reported_at);

-- A 突发公共卫生事件 (base; events adds its reports, chain and links in its own migration).
CREATE TABLE ph_events (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number       text NOT NULL UNIQUE,
  title        text NOT NULL,
  kind         text NOT NULL,
  disease_code text COLLATE "C" REFERENCES ph_diseases (code),
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  origin       text NOT NULL CHECK (origin IN ('cluster', 'manual')),
  grade        text CHECK (grade IN ('I', 'II', 'III', 'IV')),
  status       text NOT NULL DEFAULT 'open',
  occurred_at  timestamptz NOT NULL,
  created_by   uuid REFERENCES users (id),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ph_events_region_idx ON ph_events (region_code, status);

-- SORMAS-style tasks: an investigation of a confirmed case (within 24 h), sampling, follow-up.
CREATE TABLE ph_tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL CHECK (kind IN ('investigation', 'sampling', 'followUp', 'other')),
  case_id      uuid REFERENCES ph_cases (id),
  event_id     uuid REFERENCES ph_events (id),
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  title        text NOT NULL,
  assignee_id  uuid REFERENCES users (id),
  due_at       timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  done_at      timestamptz,
  done_by      uuid REFERENCES users (id),
  note         text,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (case_id IS NOT NULL OR event_id IS NOT NULL)
);
CREATE INDEX ph_tasks_region_idx ON ph_tasks (region_code, status, due_at);
CREATE INDEX ph_tasks_case_idx ON ph_tasks (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX ph_tasks_event_idx ON ph_tasks (event_id) WHERE event_id IS NOT NULL;

GRANT SELECT ON ph_facilities, ph_diseases, ph_disease_versions TO taishan_app;
GRANT INSERT, UPDATE ON ph_facilities, ph_diseases, ph_disease_versions TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON ph_cases, ph_events, ph_tasks TO taishan_app;

ALTER TABLE ph_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_cases_read ON ph_cases FOR SELECT TO taishan_app
  USING (
    ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
     OR (report_region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND report_region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')))
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR facility_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY ph_cases_insert ON ph_cases FOR INSERT TO taishan_app
  WITH CHECK (
    report_region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND report_region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR facility_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY ph_cases_update ON ph_cases FOR UPDATE TO taishan_app
  USING (
    ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
     OR (report_region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND report_region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')))
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR facility_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

ALTER TABLE ph_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_events_read ON ph_events FOR SELECT TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY ph_events_write ON ph_events FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY ph_events_update ON ph_events FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

ALTER TABLE ph_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_tasks_read ON ph_tasks FOR SELECT TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY ph_tasks_insert ON ph_tasks FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'));
CREATE POLICY ph_tasks_update ON ph_tasks FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
