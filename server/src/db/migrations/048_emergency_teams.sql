-- Rescue teams, experts, rescue agreements and duty (救援队伍、专家、救援协议、值班; issue 27,
-- owner: teams). Rules are domain/src/emergency/teams-*.ts. Teams and experts are read by the
-- jurisdiction (below a county: the county's); rosters by the jurisdiction (an enterprise: its own);
-- the duty phones are public (Decree 493 Art. 18). An expert's phone is personal data: masked by
-- the service for those who may not see it, never written to the audit or the log.

CREATE TABLE emergency_teams (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('comprehensive', 'professional', 'social', 'enterprise')),
  specialty     text,
  size          integer NOT NULL CHECK (size >= 1),
  equipment     jsonb NOT NULL DEFAULT '[]',
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  lat           double precision,
  lng           double precision,
  base_address  text,
  contact_name  text NOT NULL,
  contact_phone text NOT NULL,
  readiness     text NOT NULL DEFAULT 'ready' CHECK (readiness IN ('ready', 'limited', 'unavailable')),
  enterprise_id uuid REFERENCES enterprises (id),
  note          text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX emergency_teams_region_idx ON emergency_teams (region_code, kind);
CREATE INDEX emergency_teams_enterprise_idx ON emergency_teams (enterprise_id) WHERE enterprise_id IS NOT NULL;

CREATE TABLE emergency_experts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  field       text NOT NULL,
  title       text,
  unit        text,
  phone       text NOT NULL,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  lat         double precision,
  lng         double precision,
  note        text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX emergency_experts_region_idx ON emergency_experts (region_code, field);

-- 救援协议 (Decree 708 Art. 10): a unit without its own team signs with a team. region_code is the unit's.
CREATE TABLE emergency_team_agreements (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  team_id       uuid NOT NULL REFERENCES emergency_teams (id),
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  signed_on     date NOT NULL,
  valid_from    date NOT NULL,
  valid_until   date NOT NULL,
  note          text,
  ended_at      timestamptz,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until >= valid_from)
);
CREATE INDEX emergency_team_agreements_enterprise_idx ON emergency_team_agreements (enterprise_id, valid_until);
CREATE INDEX emergency_team_agreements_region_idx ON emergency_team_agreements (region_code);

-- One row per shift of a roster: a government's (by region), a department's, a unit's or a team's.
-- region_code is where the roster belongs (the government's region, the department's, the unit's, the team's).
CREATE TABLE emergency_duty_shifts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_kind    text NOT NULL CHECK (owner_kind IN ('government', 'department', 'enterprise', 'team')),
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  department_id uuid REFERENCES departments (id),
  enterprise_id uuid REFERENCES enterprises (id),
  team_id       uuid REFERENCES emergency_teams (id),
  person_name   text NOT NULL,
  role          text NOT NULL CHECK (role IN ('leader', 'officer')),
  phone         text NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK ((owner_kind = 'department') = (department_id IS NOT NULL)),
  CHECK ((owner_kind = 'enterprise') = (enterprise_id IS NOT NULL) OR owner_kind = 'team'),
  CHECK ((owner_kind = 'team') = (team_id IS NOT NULL))
);
CREATE INDEX emergency_duty_shifts_region_idx ON emergency_duty_shifts (region_code, owner_kind, starts_at);
CREATE INDEX emergency_duty_shifts_time_idx ON emergency_duty_shifts (starts_at, ends_at);

-- 值班电话 (Decree 493 Art. 18), published: one per government (department_id NULL) or department.
CREATE TABLE emergency_duty_phones (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  department_id uuid REFERENCES departments (id),
  name          text NOT NULL,
  phone         text NOT NULL,
  note          text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX emergency_duty_phones_once_idx ON emergency_duty_phones (region_code, (coalesce(department_id::text, '')));

GRANT SELECT, INSERT, UPDATE ON emergency_teams, emergency_experts, emergency_team_agreements, emergency_duty_phones TO taishan_app;
GRANT SELECT, INSERT, DELETE ON emergency_duty_shifts TO taishan_app;

-- Scope. Teams and experts are a county's resource: read by the jurisdiction, and below a county
-- (a township, a grid worker, an enterprise) by its county (the first 6 digits of the prefix); written
-- by the jurisdiction, an enterprise only its own enterprise team. Separate SELECT / INSERT / UPDATE policies (see 037).
ALTER TABLE emergency_teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_teams_read ON emergency_teams FOR SELECT TO taishan_app
  USING (
    region_code >= (SELECT left(current_setting('taishan.region_prefix', true), 6))
    AND region_code < (SELECT left(current_setting('taishan.region_prefix', true), 6) || '~'));
CREATE POLICY emergency_teams_insert ON emergency_teams FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY emergency_teams_update ON emergency_teams FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

ALTER TABLE emergency_experts ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_experts_read ON emergency_experts FOR SELECT TO taishan_app
  USING (
    region_code >= (SELECT left(current_setting('taishan.region_prefix', true), 6))
    AND region_code < (SELECT left(current_setting('taishan.region_prefix', true), 6) || '~'));
CREATE POLICY emergency_experts_insert ON emergency_experts FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY emergency_experts_update ON emergency_experts FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

-- Agreements, rosters: the jurisdiction; an enterprise its own (a team's roster: the team's unit).
ALTER TABLE emergency_team_agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_team_agreements_all ON emergency_team_agreements FOR ALL TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

ALTER TABLE emergency_duty_shifts ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_duty_shifts_all ON emergency_duty_shifts FOR ALL TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

-- The duty phones are published: everyone reads them; the jurisdiction's regulators keep them.
ALTER TABLE emergency_duty_phones ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_duty_phones_read ON emergency_duty_phones FOR SELECT TO taishan_app USING (true);
CREATE POLICY emergency_duty_phones_insert ON emergency_duty_phones FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY emergency_duty_phones_update ON emergency_duty_phones FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
