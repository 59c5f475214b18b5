-- Hazard investigation and remediation (隐患排查治理): versioned checklists, inspections at four
-- tiers, hazards with the five fixes and their transitions, supervised listing, in-app notices.

CREATE TABLE checklist_templates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL,
  version     integer NOT NULL,
  name        text NOT NULL,
  industries  text[] NOT NULL DEFAULT '{}',
  tiers       text[] NOT NULL,
  source      text NOT NULL DEFAULT '',
  items       jsonb NOT NULL,
  builtin     boolean NOT NULL DEFAULT false,
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

CREATE TABLE inspections (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  tier           text NOT NULL CHECK (tier IN ('self', 'patrol', 'county', 'city')),
  checklist_id   uuid NOT NULL REFERENCES checklist_templates (id),
  planned_date   date NOT NULL,
  inspector_id   uuid REFERENCES users (id),
  unannounced    boolean NOT NULL DEFAULT false,
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'submitted')),
  results        jsonb NOT NULL DEFAULT '[]',
  location       text,
  submitted_at   timestamptz,
  submitted_by   text,
  planned_by     text NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_enterprise_idx ON inspections (enterprise_id, planned_date);

CREATE TABLE hazards (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id       uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  inspection_id       uuid REFERENCES inspections (id),
  checklist_item      text,
  description         text NOT NULL,
  location            text,
  evidence            jsonb NOT NULL DEFAULT '[]',
  level               text NOT NULL CHECK (level IN ('general', 'major')),
  found_tier          text NOT NULL CHECK (found_tier IN ('self', 'patrol', 'county', 'city')),
  found_by            text NOT NULL,
  status              text NOT NULL DEFAULT 'reported'
                      CHECK (status IN ('reported', 'assigned', 'rectifying', 'pendingAcceptance', 'closed', 'cancelled')),
  owner               text,
  measures            text,
  funds               double precision,
  deadline            date,
  contingency         text,
  rectification_note  text,
  rectification_evidence jsonb NOT NULL DEFAULT '[]',
  listed_tier         text CHECK (listed_tier IN ('county', 'city')),
  listing_deadline    date,
  listing_officer     text,
  listed_at           timestamptz,
  escalated_tier      text,
  overdue             boolean NOT NULL DEFAULT false,
  closed_at           timestamptz,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazards_enterprise_idx ON hazards (enterprise_id, status);
CREATE INDEX hazards_deadline_idx ON hazards (deadline) WHERE status NOT IN ('closed', 'cancelled');

CREATE TABLE hazard_transitions (
  id          bigserial PRIMARY KEY,
  hazard_id   uuid NOT NULL REFERENCES hazards (id) ON DELETE CASCADE,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor       text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazard_transitions_hazard_idx ON hazard_transitions (hazard_id, id);

CREATE TABLE notifications (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       text NOT NULL,
  title      text NOT NULL,
  link       text,
  read_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

GRANT SELECT, INSERT ON checklist_templates TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON inspections, hazards TO taishan_app;
GRANT SELECT, INSERT ON hazard_transitions TO taishan_app;
GRANT USAGE ON SEQUENCE hazard_transitions_id_seq TO taishan_app;
GRANT SELECT, UPDATE ON notifications TO taishan_app;

ALTER TABLE inspections ENABLE ROW LEVEL SECURITY;
ALTER TABLE hazards ENABLE ROW LEVEL SECURITY;
ALTER TABLE hazard_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY inspections_scope ON inspections TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY hazards_scope ON hazards TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
CREATE POLICY hazard_transitions_scope ON hazard_transitions TO taishan_app
  USING (EXISTS (SELECT 1 FROM hazards h WHERE h.id = hazard_id));
