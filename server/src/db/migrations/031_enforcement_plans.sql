-- Law enforcement (执法, issue 24), classes and plans: the annual enforcement plan of a county
-- (年度监督检查计划, 安全生产法 Art. 62 ¶2) with one item per enterprise, and campaigns (专项整治 /
-- 攻坚行动). Inspections (030) point at a plan item or a campaign; a hazard may name its campaign.

-- One plan per county and year. The capacity figures are a snapshot taken when the plan was
-- generated (officers, working days, the settings in force), so a published plan keeps the
-- numbers it was approved with.
CREATE TABLE enforcement_plans (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The county's 12-digit code (row-level security compares it as every region column).
  region_code             text COLLATE "C" NOT NULL REFERENCES regions (code),
  year                    integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status                  text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'published')),
  officers                integer NOT NULL CHECK (officers >= 0),
  working_days            integer NOT NULL CHECK (working_days >= 0),
  inspection_share        integer NOT NULL CHECK (inspection_share BETWEEN 0 AND 100),
  days_per_inspection     integer NOT NULL CHECK (days_per_inspection >= 0),
  general_draw_percent    integer NOT NULL CHECK (general_draw_percent BETWEEN 0 AND 100),
  settings                jsonb NOT NULL DEFAULT '{}',
  created_by              uuid REFERENCES users (id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  submitted_by            uuid REFERENCES users (id),
  submitted_at            timestamptz,
  approved_by             uuid REFERENCES users (id),
  approved_at             timestamptz,
  published_at            timestamptz,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  version                 integer NOT NULL DEFAULT 1,
  UNIQUE (region_code, year)
);

-- The plan's line for one enterprise: key (重点, by name, `months` one entry per planned
-- inspection) or general (一般, reached by 双随机 draws; `months` empty). `class` is the class the
-- plan was made with.
CREATE TABLE enforcement_plan_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id       uuid NOT NULL REFERENCES enforcement_plans (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  class         text NOT NULL CHECK (class IN ('A', 'B', 'C', 'D')),
  kind          text NOT NULL CHECK (kind IN ('key', 'general')),
  planned_count integer NOT NULL CHECK (planned_count >= 0),
  months        integer[] NOT NULL DEFAULT '{}',
  UNIQUE (plan_id, enterprise_id)
);
CREATE INDEX enforcement_plan_items_enterprise_idx ON enforcement_plan_items (enterprise_id);

-- A campaign: a named, time-bounded programme of a jurisdiction (any level) with its industries
-- (GB/T 4754 codes; empty: all), targets and checklist; inspections and hazards name it.
CREATE TABLE enforcement_campaigns (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('special', 'tough')),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  industries   text[] NOT NULL DEFAULT '{}',
  targets      text NOT NULL,
  checklist_id uuid REFERENCES checklist_templates (id),
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX enforcement_campaigns_region_idx ON enforcement_campaigns (region_code, starts_on);

ALTER TABLE enforcement_inspections
  ADD CONSTRAINT enforcement_inspections_plan_item_fk FOREIGN KEY (plan_item_id) REFERENCES enforcement_plan_items (id);
ALTER TABLE enforcement_inspections
  ADD CONSTRAINT enforcement_inspections_campaign_fk FOREIGN KEY (campaign_id) REFERENCES enforcement_campaigns (id);
CREATE INDEX enforcement_inspections_plan_item_idx ON enforcement_inspections (plan_item_id) WHERE plan_item_id IS NOT NULL;
CREATE INDEX enforcement_inspections_campaign_idx ON enforcement_inspections (campaign_id) WHERE campaign_id IS NOT NULL;

-- A hazard found in a campaign names it (nullable, no default: no table rewrite).
ALTER TABLE hazards ADD COLUMN campaign_id uuid REFERENCES enforcement_campaigns (id);
CREATE INDEX hazards_campaign_idx ON hazards (campaign_id) WHERE campaign_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON enforcement_plans, enforcement_campaigns TO taishan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON enforcement_plan_items TO taishan_app;

-- Row-level security: plans and campaigns by region range (campaigns also below), never for an enterprise account; an
-- item only when its plan and its enterprise are visible (a department sees its industries).
ALTER TABLE enforcement_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforcement_plans_scope ON enforcement_plans TO taishan_app
  USING (region_code >= current_setting('taishan.region_prefix', true)
         AND region_code < current_setting('taishan.region_prefix', true) || '~'
         AND current_setting('taishan.enterprise_id', true) = '');
CREATE POLICY enforcement_plan_items_scope ON enforcement_plan_items TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_plans p WHERE p.id = plan_id)
         AND EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
-- A campaign is also seen below its region: a county takes part in its city's and province's.
CREATE POLICY enforcement_campaigns_scope ON enforcement_campaigns TO taishan_app
  USING (current_setting('taishan.enterprise_id', true) = ''
         AND ((region_code >= current_setting('taishan.region_prefix', true)
               AND region_code < current_setting('taishan.region_prefix', true) || '~')
              OR EXISTS (SELECT 1 FROM regions r WHERE r.code = region_code
                           AND left(current_setting('taishan.region_prefix', true), length(r.prefix)) = r.prefix)));
