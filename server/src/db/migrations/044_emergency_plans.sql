-- Emergency plans (应急预案), their filing (备案), evaluation and revision (issue 27, owner: plans).
-- One row per plan (an enterprise's or a government department's 综合 / 专项 / 现场处置方案) holding
-- the working version; each published version is frozen in emergency_plan_versions (read-only).
-- Filings go to the county-or-higher department: submitted → returned (one-time notice of missing
-- items, 补正) → resubmitted → accepted (备案登记表) or deemed filed after 5 working days.
-- Rules are domain/src/emergency/plans-*.ts; SQL is server/src/modules/emergency/plans-store.ts.

CREATE TABLE emergency_plans (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_kind         text NOT NULL CHECK (owner_kind IN ('enterprise', 'government')),
  enterprise_id      uuid REFERENCES enterprises (id),
  department_id      uuid REFERENCES departments (id),
  region_code        text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- The enterprise's industry (a department's scope); NULL for a government plan.
  industry_code      text COLLATE "C",
  plan_type          text NOT NULL CHECK (plan_type IN ('comprehensive', 'special', 'onSite')),
  title              text NOT NULL,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'signed', 'published', 'abolished')),
  -- The version being worked on (1, 2, …); earlier published versions are in emergency_plan_versions.
  plan_version       integer NOT NULL DEFAULT 1,
  -- GB/T 29639-2020 sections of the plan type as structured fields, and the annexes.
  sections           jsonb NOT NULL DEFAULT '{}',
  annexes            jsonb NOT NULL DEFAULT '{}',
  -- 现场处置方案: the key posts whose 应急处置卡 are generated [{post, duties, steps[], reportTo, phone, cautions}].
  posts              jsonb NOT NULL DEFAULT '[]',
  risk_point_ids     uuid[] NOT NULL DEFAULT '{}',
  installation_ids   uuid[] NOT NULL DEFAULT '{}',
  review_kind        text CHECK (review_kind IN ('review', 'demonstration')),
  reviewed_on        date,
  review_experts     text,
  review_minutes     text,
  review_opinion     text,
  signed_by          uuid REFERENCES users (id),
  signed_by_name     text,
  principal_name     text,
  signed_at          timestamptz,
  published_on       date,
  published_at       timestamptz,
  -- Set at publication: whether the unit must file (mustFilePlans) and by when (20 working days).
  must_file          boolean NOT NULL DEFAULT false,
  filing_due_on      date,
  -- The last 定期评估 (令第88号 Art. 35) and its conclusion.
  evaluated_on       date,
  evaluation_note    text,
  -- A revision of sections that needs re-filing (setting emergencyPlans.refilingSections).
  refiling_required  boolean NOT NULL DEFAULT false,
  abolished_at       timestamptz,
  created_by         uuid REFERENCES users (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((owner_kind = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK (owner_kind <> 'government' OR department_id IS NOT NULL),
  CHECK (status NOT IN ('published') OR published_on IS NOT NULL)
);
CREATE INDEX emergency_plans_region_idx ON emergency_plans (region_code, status);
CREATE INDEX emergency_plans_enterprise_idx ON emergency_plans (enterprise_id) WHERE enterprise_id IS NOT NULL;

-- Each published version, frozen: never updated.
CREATE TABLE emergency_plan_versions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id         uuid NOT NULL REFERENCES emergency_plans (id),
  plan_version    integer NOT NULL,
  title           text NOT NULL,
  plan_type       text NOT NULL,
  sections        jsonb NOT NULL,
  annexes         jsonb NOT NULL,
  posts           jsonb NOT NULL,
  review          jsonb NOT NULL,
  signed_by_name  text,
  signed_at       timestamptz,
  published_on    date NOT NULL,
  frozen_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, plan_version)
);

-- Filings (备案) of a published version with the competent department.
CREATE TABLE emergency_plan_filings (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id           uuid NOT NULL REFERENCES emergency_plans (id),
  plan_version      integer NOT NULL,
  region_code       text COLLATE "C" NOT NULL REFERENCES regions (code),
  industry_code     text COLLATE "C",
  enterprise_id     uuid REFERENCES enterprises (id),
  status            text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'returned', 'accepted', 'deemed')),
  -- The materials (令第88号 Art. 26): 申报表, 评审意见, 电子文档, 风险评估结果, 应急资源调查清单.
  materials         jsonb NOT NULL DEFAULT '{}',
  submitted_at      timestamptz NOT NULL DEFAULT now(),
  submitted_on      date NOT NULL,
  -- 5 working days after submission (or resubmission) the department has to answer.
  answer_due_on     date NOT NULL,
  submitted_by      uuid REFERENCES users (id),
  submitted_by_name text,
  -- The one-time notice of missing items (一次性告知): at most once per filing.
  missing_items     jsonb NOT NULL DEFAULT '[]',
  returned_at       timestamptz,
  returned_by_name  text,
  resubmitted_at    timestamptz,
  accepted_at       timestamptz,
  accepted_by       uuid REFERENCES users (id),
  accepted_by_name  text,
  deemed_at         timestamptz,
  record_number     text,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_plan_filings_plan_idx ON emergency_plan_filings (plan_id, submitted_at);
CREATE INDEX emergency_plan_filings_open_idx ON emergency_plan_filings (region_code, answer_due_on) WHERE status = 'submitted';
-- One open filing per plan at a time.
CREATE UNIQUE INDEX emergency_plan_filings_open_once_idx ON emergency_plan_filings (plan_id) WHERE status IN ('submitted', 'returned');

-- Numbered documents (备案登记表 planFilingRecord, 补正告知 planFilingNotice), frozen at issue.
CREATE TABLE emergency_plan_documents (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id     uuid NOT NULL REFERENCES emergency_plans (id),
  filing_id   uuid REFERENCES emergency_plan_filings (id),
  kind        text NOT NULL CHECK (kind IN ('planFilingRecord', 'planFilingNotice')),
  number      text NOT NULL UNIQUE,
  issuer      text NOT NULL,
  title       text NOT NULL,
  body        jsonb NOT NULL,
  issued_by   uuid REFERENCES users (id),
  issued_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_plan_documents_plan_idx ON emergency_plan_documents (plan_id, issued_at);

-- Revision triggers (令第88号 Art. 36 / 条例 Art. 6 ¶2) recorded as events; open until a new version is published.
CREATE TABLE emergency_plan_triggers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id          uuid NOT NULL REFERENCES emergency_plans (id),
  kind             text NOT NULL CHECK (kind IN ('lawChanged', 'organisationChanged', 'riskChanged', 'resourcesChanged', 'problemFound', 'other')),
  source_type      text,
  source_id        text,
  note             text NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created_by       uuid REFERENCES users (id),
  created_by_name  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz,
  resolved_version integer
);
CREATE INDEX emergency_plan_triggers_plan_idx ON emergency_plan_triggers (plan_id, status);
-- Recording is idempotent per source: the same drill problem makes one trigger.
CREATE UNIQUE INDEX emergency_plan_triggers_source_idx ON emergency_plan_triggers (plan_id, kind, source_type, source_id)
  WHERE source_id IS NOT NULL;

-- The plan's timeline.
CREATE TABLE emergency_plan_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id     uuid NOT NULL REFERENCES emergency_plans (id),
  action      text NOT NULL,
  from_status text,
  to_status   text,
  actor_id    uuid REFERENCES users (id),
  actor_name  text,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_plan_events_plan_idx ON emergency_plan_events (plan_id, at);

GRANT SELECT, INSERT, UPDATE ON emergency_plans, emergency_plan_filings, emergency_plan_triggers TO taishan_app;
GRANT SELECT, INSERT ON emergency_plan_versions, emergency_plan_documents, emergency_plan_events TO taishan_app;

-- Scope: the jurisdiction by region, an enterprise only its own plans, a department its industries
-- (government plans have no industry and are seen by the region's all-industry users).
-- Separate SELECT / INSERT / UPDATE policies (a USING-only policy also checks INSERT, see 037).
ALTER TABLE emergency_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plans_read ON emergency_plans FOR SELECT TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
CREATE POLICY emergency_plans_insert ON emergency_plans FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY emergency_plans_update ON emergency_plans FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
ALTER TABLE emergency_plan_filings ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plan_filings_read ON emergency_plan_filings FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_filings_insert ON emergency_plan_filings FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_filings_update ON emergency_plan_filings FOR UPDATE TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
ALTER TABLE emergency_plan_triggers ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plan_triggers_read ON emergency_plan_triggers FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_triggers_insert ON emergency_plan_triggers FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_triggers_update ON emergency_plan_triggers FOR UPDATE TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
ALTER TABLE emergency_plan_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plan_versions_read ON emergency_plan_versions FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_versions_insert ON emergency_plan_versions FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
ALTER TABLE emergency_plan_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plan_documents_read ON emergency_plan_documents FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_documents_insert ON emergency_plan_documents FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
ALTER TABLE emergency_plan_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_plan_events_read ON emergency_plan_events FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
CREATE POLICY emergency_plan_events_insert ON emergency_plan_events FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_plans p WHERE p.id = plan_id));
