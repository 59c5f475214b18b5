-- 突发公共卫生事件 (issue 28), owner: events. Extends the base ph_events of 051 with its kind, status,
-- discovery time, the cluster it came from (idempotent detection), and adds the reporting chain's
-- steps, the initial/progress/closing reports, the linked cases and the contacts (name and phone
-- sealed with the keyring, aad = the contact id; shown masked to everyone but the CDC reviewers).
ALTER TABLE ph_events
  ADD COLUMN discovered_at  timestamptz,
  ADD COLUMN cluster_key    text,
  ADD COLUMN cluster_cases  integer,
  ADD COLUMN grade_criterion text,
  ADD COLUMN summary        text,
  ADD COLUMN affected       integer NOT NULL DEFAULT 0,
  ADD COLUMN deaths         integer NOT NULL DEFAULT 0,
  ADD COLUMN lat            double precision,
  ADD COLUMN lng            double precision,
  ADD COLUMN confirmed_by   uuid REFERENCES users (id),
  ADD COLUMN confirmed_at   timestamptz,
  ADD COLUMN closed_at      timestamptz,
  ADD COLUMN closed_by      uuid REFERENCES users (id);
UPDATE ph_events SET status = 'signal' WHERE status = 'open';
ALTER TABLE ph_events ALTER COLUMN status SET DEFAULT 'signal';
ALTER TABLE ph_events ADD CONSTRAINT ph_events_status_check
  CHECK (status IN ('signal', 'confirmed', 'responding', 'closed', 'dismissed'));
ALTER TABLE ph_events ADD CONSTRAINT ph_events_kind_check
  CHECK (kind IN ('infectiousOutbreak', 'unknownCluster', 'pathogenLoss', 'foodPoisoning', 'occupationalPoisoning', 'other'));
-- One signal per cluster: disease|township|first diagnosis day of the window that raised it.
CREATE UNIQUE INDEX ph_events_cluster_key ON ph_events (cluster_key) WHERE cluster_key IS NOT NULL;
CREATE INDEX ph_events_status_idx ON ph_events (status, region_code);

CREATE TABLE ph_event_chain_steps (
  event_id    uuid NOT NULL REFERENCES ph_events (id),
  step        text NOT NULL CHECK (step IN ('county', 'countyGov', 'city', 'province', 'national')),
  done_at     timestamptz NOT NULL,
  done_by     uuid REFERENCES users (id),
  deadline_at timestamptz NOT NULL,
  late        boolean NOT NULL DEFAULT false,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, step)
);

CREATE TABLE ph_event_reports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id    uuid NOT NULL REFERENCES ph_events (id),
  kind        text NOT NULL CHECK (kind IN ('initial', 'progress', 'closing')),
  doc_number  text UNIQUE,
  content     text NOT NULL,
  affected    integer NOT NULL DEFAULT 0,
  deaths      integer NOT NULL DEFAULT 0,
  reported_by uuid REFERENCES users (id),
  reported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ph_event_reports_event_idx ON ph_event_reports (event_id, reported_at);
CREATE UNIQUE INDEX ph_event_reports_one_initial ON ph_event_reports (event_id) WHERE kind = 'initial';
CREATE UNIQUE INDEX ph_event_reports_one_closing ON ph_event_reports (event_id) WHERE kind = 'closing';

CREATE TABLE ph_event_cases (
  event_id  uuid NOT NULL REFERENCES ph_events (id),
  case_id   uuid NOT NULL REFERENCES ph_cases (id),
  linked_by uuid REFERENCES users (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, case_id)
);
CREATE INDEX ph_event_cases_case_idx ON ph_event_cases (case_id);

CREATE TABLE ph_event_contacts (
  id              uuid PRIMARY KEY,
  event_id        uuid NOT NULL REFERENCES ph_events (id),
  sealed          text NOT NULL,
  masked          jsonb NOT NULL,
  relation        text,
  last_contact_at timestamptz,
  follow_up_until date,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ph_event_contacts_event_idx ON ph_event_contacts (event_id);

GRANT SELECT, INSERT ON ph_event_chain_steps, ph_event_reports, ph_event_cases, ph_event_contacts TO taishan_app;

-- The child rows are read through their event (same region, no enterprise).
ALTER TABLE ph_event_chain_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE ph_event_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE ph_event_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE ph_event_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_event_chain_steps_all ON ph_event_chain_steps TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id)) WITH CHECK (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id));
CREATE POLICY ph_event_reports_all ON ph_event_reports TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id)) WITH CHECK (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id));
CREATE POLICY ph_event_cases_all ON ph_event_cases TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id)) WITH CHECK (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id));
CREATE POLICY ph_event_contacts_all ON ph_event_contacts TO taishan_app
  USING (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id)) WITH CHECK (EXISTS (SELECT 1 FROM ph_events e WHERE e.id = event_id));
