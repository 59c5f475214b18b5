-- Emergency drills (应急演练, issue 27, owner: drills). One row per drill of an enterprise or of a
-- government (a township, county or city government, or one of its departments): planned → held
-- (date, place, participants, photos) → the evaluation report (summary, result, problems found)
-- → reported to the regulator (报送, Decree 708 Art.8 ¶2) → spot-checked (抽查) qualified, or
-- unqualified with a deadline to correct (Art.8 ¶3) → corrected. A problem found becomes a hazard
-- (hazards.id) or a plan revision trigger (emergency_plan_triggers.id), recorded on the problem.
-- Rules are domain/src/emergency/drills-*.ts; SQL is server/src/modules/emergency/drills-store.ts.

CREATE TABLE emergency_drills (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_kind          text NOT NULL CHECK (owner_kind IN ('enterprise', 'government')),
  enterprise_id       uuid REFERENCES enterprises (id),
  -- A department's drill; NULL with owner_kind 'government' is the government of region_code itself.
  department_id       uuid REFERENCES departments (id),
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- The enterprise's industry (a department's scope); NULL for a government drill.
  industry_code       text COLLATE "C",
  title               text NOT NULL,
  content_type        text NOT NULL CHECK (content_type IN ('comprehensive', 'single')),
  form                text NOT NULL CHECK (form IN ('live', 'tabletop')),
  -- The plan exercised when it is held here (a plan of the unit), or the name of a government
  -- department's plan that is not; plan_type as the plan's type when the drill was recorded.
  plan_id             uuid REFERENCES emergency_plans (id),
  external_plan_name  text,
  plan_type           text CHECK (plan_type IN ('comprehensive', 'special', 'onSite')),
  status              text NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'done', 'reported', 'checkedQualified', 'checkedUnqualified', 'corrected', 'cancelled')),
  planned_on          date NOT NULL,
  held_on             date,
  place               text,
  scenario            text,
  participant_count   integer CHECK (participant_count >= 0),
  -- [{name, unit}]
  participants        jsonb NOT NULL DEFAULT '[]',
  -- File-store keys of the photos ("photos/<uuid>").
  photos              jsonb NOT NULL DEFAULT '[]',
  -- 评估报告
  evaluation_summary  text,
  evaluation_result   text CHECK (evaluation_result IN ('achieved', 'partlyAchieved', 'notAchieved')),
  -- [{no, text, hazardId, revisionTriggerId}]
  problems            jsonb NOT NULL DEFAULT '[]',
  evaluated_at        timestamptz,
  evaluated_by_name   text,
  cancel_reason       text,
  reported_at         timestamptz,
  reported_by_name    text,
  report_note         text,
  checked_at          timestamptz,
  checked_by_name     text,
  check_note          text,
  correct_by          date,
  corrected_at        timestamptz,
  correction_note     text,
  created_by          uuid REFERENCES users (id),
  created_by_name     text,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((owner_kind = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK (status IN ('planned', 'cancelled') OR held_on IS NOT NULL),
  CHECK (status NOT IN ('reported', 'checkedQualified', 'checkedUnqualified', 'corrected') OR reported_at IS NOT NULL)
);
CREATE INDEX emergency_drills_region_idx ON emergency_drills (region_code, status);
CREATE INDEX emergency_drills_enterprise_idx ON emergency_drills (enterprise_id, held_on) WHERE enterprise_id IS NOT NULL;
CREATE INDEX emergency_drills_dates_idx ON emergency_drills (coalesce(held_on, planned_on));

-- The drill's timeline: every step, who (the name as it was), when, the states and the note.
CREATE TABLE emergency_drill_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  drill_id    uuid NOT NULL REFERENCES emergency_drills (id),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES users (id),
  actor_name  text,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_drill_events_drill_idx ON emergency_drill_events (drill_id, at);

GRANT SELECT, INSERT, UPDATE ON emergency_drills TO taishan_app;
GRANT SELECT, INSERT ON emergency_drill_events TO taishan_app;

-- Scope: the jurisdiction sees its drills; an enterprise only its own; a department its industries
-- (and the governments' drills of its region). Separate SELECT / INSERT / UPDATE policies.
ALTER TABLE emergency_drills ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_drills_read ON emergency_drills FOR SELECT TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*') OR industry_code IS NULL
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
CREATE POLICY emergency_drills_insert ON emergency_drills FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY emergency_drills_update ON emergency_drills FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
ALTER TABLE emergency_drill_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_drill_events_read ON emergency_drill_events FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM emergency_drills d WHERE d.id = drill_id));
CREATE POLICY emergency_drill_events_insert ON emergency_drill_events FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM emergency_drills d WHERE d.id = drill_id));
