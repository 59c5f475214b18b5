-- Risk grading and control (风险分级管控): risk points with assessment history, areas on a site
-- plan, major hazard installations (GB 18218), risk reports, and per-province level thresholds.
-- Every row here belongs to an enterprise; its place and industry are the enterprise's, so the
-- row-level policies ask whether the caller can see that enterprise (enterprises' own policy
-- applies inside the EXISTS), and the data layer joins enterprises with the caller's scope.

CREATE TABLE risk_thresholds (
  province_code text PRIMARY KEY CHECK (province_code ~ '^\d{2}$'),
  lec           jsonb NOT NULL,
  ls            jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site_plans (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id) ON DELETE CASCADE,
  file_key      text NOT NULL,
  content_type  text NOT NULL,
  width         integer NOT NULL CHECK (width > 0),
  height        integer NOT NULL CHECK (height > 0),
  bytes         integer NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE risk_areas (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name          text NOT NULL,
  -- [[x, y], …] in 0..1 of the site plan's width and height.
  polygon       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_areas_enterprise_idx ON risk_areas (enterprise_id);

CREATE TABLE risk_points (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id    uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name             text NOT NULL,
  location         text,
  activity         text,
  hazard_factors   text[] NOT NULL DEFAULT '{}',
  accident_types   text[] NOT NULL DEFAULT '{}',
  control_measures jsonb NOT NULL DEFAULT '[]',
  review_date      date,
  area_id          uuid REFERENCES risk_areas (id) ON DELETE SET NULL,
  -- The current assessment, copied from the newest risk_assessments row.
  method           text CHECK (method IN ('lec', 'ls')),
  score            double precision,
  level            text CHECK (level IN ('major', 'high', 'moderate', 'low')),
  assessed_at      timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_points_enterprise_idx ON risk_points (enterprise_id, level);
CREATE INDEX risk_points_area_idx ON risk_points (area_id);

CREATE TABLE risk_assessments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  risk_point_id uuid NOT NULL REFERENCES risk_points (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  method        text NOT NULL CHECK (method IN ('lec', 'ls')),
  inputs        jsonb NOT NULL,
  result        jsonb NOT NULL,
  thresholds    jsonb NOT NULL,
  score         double precision NOT NULL,
  level         text NOT NULL,
  assessed_by   text NOT NULL,
  assessed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_assessments_point_idx ON risk_assessments (risk_point_id, assessed_at);

CREATE TABLE major_hazard_installations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id       uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name                text NOT NULL,
  inventory           jsonb NOT NULL,
  people_within_500m  integer NOT NULL CHECK (people_within_500m >= 0),
  s                   double precision NOT NULL,
  r                   double precision NOT NULL,
  alpha               double precision NOT NULL,
  is_major_hazard     boolean NOT NULL,
  grade               integer CHECK (grade BETWEEN 1 AND 4),
  result              jsonb NOT NULL,
  evaluated_at        timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mhi_enterprise_idx ON major_hazard_installations (enterprise_id);
CREATE INDEX mhi_grade_idx ON major_hazard_installations (grade);

CREATE TABLE risk_reports (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  status         text NOT NULL CHECK (status IN ('draft', 'submitted', 'acknowledged', 'returned')),
  -- Snapshot of the major and high risk points at submission.
  items          jsonb NOT NULL DEFAULT '[]',
  note           text,
  return_reason  text,
  submitted_at   timestamptz,
  submitted_by   text,
  decided_at     timestamptz,
  decided_by     text,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_reports_enterprise_idx ON risk_reports (enterprise_id, status);

GRANT SELECT ON risk_thresholds TO taishan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON site_plans, risk_areas, risk_points, major_hazard_installations, risk_reports TO taishan_app;
GRANT SELECT, INSERT ON risk_assessments TO taishan_app;

ALTER TABLE site_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_areas ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE major_hazard_installations ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_reports ENABLE ROW LEVEL SECURITY;

CREATE POLICY site_plans_scope ON site_plans TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY risk_areas_scope ON risk_areas TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY risk_points_scope ON risk_points TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY risk_assessments_scope ON risk_assessments TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY mhi_scope ON major_hazard_installations TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY risk_reports_scope ON risk_reports TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
