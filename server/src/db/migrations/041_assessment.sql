-- The yearly safety assessment (安全生产工作考核, issue 26 item 7): the scoring templates each level
-- keeps for its children (every edit a new version), one sheet per jurisdiction and year with its
-- computed inputs, hand scores, total, grade, workflow and the fix plan a 不合格 owes; the veto
-- (一票否决) recorded against an official for an accident; the quarterly bulletins (季度通报) issued.
-- Rules live in domain/src/accountability/assessment*.ts.

-- A template: the items and weights the level above (region_code: a city for its counties, a
-- province for its cities) sets for `level`. Appended, never changed: the latest version applies.
CREATE TABLE assessment_templates (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  level           text NOT NULL CHECK (level IN ('county', 'city')),
  version         integer NOT NULL CHECK (version >= 1),
  items           jsonb NOT NULL,
  note            text,
  created_by      uuid REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, level, version)
);

-- A sheet: the jurisdiction (a county or a city) and year; `items` is the template it is scored
-- by (copied while it is prepared, frozen on submission), `inputs` the figures read from the records
-- at the last computation, `manual` the hand scores {key: {points, note, by, at}}.
CREATE TABLE assessments (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code            text COLLATE "C" NOT NULL REFERENCES regions (code),
  year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  level                  text NOT NULL CHECK (level IN ('county', 'city')),
  status                 text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'computed', 'adjusted', 'submitted', 'confirmed')),
  template_version       integer NOT NULL DEFAULT 0,
  items                  jsonb NOT NULL,
  inputs                 jsonb,
  manual                 jsonb NOT NULL DEFAULT '{}',
  total                  numeric(6, 2),
  grade                  text CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
  computed_at            timestamptz,
  submitted_at           timestamptz,
  submitted_by_name      text,
  confirmed_at           timestamptz,
  confirmed_by_name      text,
  returned_reason        text,
  fix_plan_due           date,
  fix_plan               text,
  fix_plan_submitted_at  timestamptz,
  fix_plan_submitted_by_name text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1,
  UNIQUE (region_code, year)
);
CREATE INDEX assessments_year_idx ON assessments (year, region_code);
CREATE INDEX assessments_fix_plan_idx ON assessments (fix_plan_due) WHERE grade = 'fail' AND fix_plan_submitted_at IS NULL;

-- The veto: an official held responsible for an accident, barred from 评先评优 and promotion from
-- starts_on to ends_on inclusive (the period the setting gave at the decision). It ends by date.
-- official_id points at accountability's officials (migration 040); the name and post are kept as
-- they were at the decision.
CREATE TABLE assessment_vetoes (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  official_id       uuid NOT NULL REFERENCES officials (id),
  official_name     text NOT NULL,
  official_position text,
  region_code       text COLLATE "C" NOT NULL REFERENCES regions (code),
  accident_id       uuid NOT NULL REFERENCES accidents (id),
  reason            text NOT NULL,
  starts_on         date NOT NULL,
  ends_on           date NOT NULL,
  months            integer NOT NULL CHECK (months >= 1),
  decided_by        uuid REFERENCES users (id),
  decided_by_name   text NOT NULL,
  decided_at        timestamptz NOT NULL DEFAULT now(),
  revoked_at        timestamptz,
  revoked_reason    text,
  CHECK (starts_on <= ends_on),
  UNIQUE (official_id, accident_id)
);
CREATE INDEX assessment_vetoes_region_idx ON assessment_vetoes (region_code, ends_on);

-- A quarterly bulletin: issued by a level (region_code) about its children, numbered, with the
-- figures and ranking frozen at issue; the PDF is rendered from them, the same every time.
CREATE TABLE assessment_bulletins (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code    text COLLATE "C" NOT NULL REFERENCES regions (code),
  year           integer NOT NULL,
  quarter        integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  number         text NOT NULL UNIQUE,
  issuer         text NOT NULL,
  rows           jsonb NOT NULL,
  issued_by      uuid REFERENCES users (id),
  issued_by_name text NOT NULL,
  issued_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_bulletins_region_idx ON assessment_bulletins (region_code, year, quarter);

GRANT SELECT, INSERT ON assessment_templates, assessment_bulletins TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON assessments, assessment_vetoes TO taishan_app;

-- Scope. A sheet and a veto are seen in their region's range (a city sees its counties'); a
-- template and a bulletin also below their region (a county reads its city's template and the
-- bulletin that ranks it). Never by an enterprise account. Writing needs the row in the writer's
-- own range (separate INSERT policies: a USING clause would also bind INSERT).
ALTER TABLE assessment_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_vetoes ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_bulletins ENABLE ROW LEVEL SECURITY;

CREATE POLICY assessments_read ON assessments FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
CREATE POLICY assessments_insert ON assessments FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
              AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
              AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
CREATE POLICY assessments_update ON assessments FOR UPDATE TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true)) = '');

CREATE POLICY assessment_vetoes_read ON assessment_vetoes FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
CREATE POLICY assessment_vetoes_insert ON assessment_vetoes FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
              AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
              AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
CREATE POLICY assessment_vetoes_update ON assessment_vetoes FOR UPDATE TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND (SELECT current_setting('taishan.enterprise_id', true)) = '');

CREATE POLICY assessment_templates_read ON assessment_templates FOR SELECT TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true)) = ''
         AND ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
               AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
              OR EXISTS (SELECT 1 FROM regions r WHERE r.code = region_code
                           AND left((SELECT current_setting('taishan.region_prefix', true)), length(r.prefix)) = r.prefix)));
CREATE POLICY assessment_templates_insert ON assessment_templates FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
              AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
              AND (SELECT current_setting('taishan.enterprise_id', true)) = '');

CREATE POLICY assessment_bulletins_read ON assessment_bulletins FOR SELECT TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true)) = ''
         AND ((region_code >= (SELECT current_setting('taishan.region_prefix', true))
               AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
              OR EXISTS (SELECT 1 FROM regions r WHERE r.code = region_code
                           AND left((SELECT current_setting('taishan.region_prefix', true)), length(r.prefix)) = r.prefix)));
CREATE POLICY assessment_bulletins_insert ON assessment_bulletins FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
              AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
              AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
