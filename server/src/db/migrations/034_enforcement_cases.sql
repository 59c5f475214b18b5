-- Penalty cases' details (issue 24, part "cases"): what the state machine (domain/src/enforcement/
-- cases.ts) reads and writes beyond migration 030 — the handler, facts and evidence, the proposed
-- penalty with its article, tier and reasons, the party's hearing and statement, service and the
-- payment due date, late fees, drop and transfer; the case's timeline; daily penalties (按日连续
-- 处罚, 安全生产法 Art. 112); and interference records (插手干预), which nobody can change.

ALTER TABLE enforcement_cases
  ADD COLUMN handler_id        uuid REFERENCES users (id),
  ADD COLUMN facts             text NOT NULL DEFAULT '',
  ADD COLUMN evidence          text NOT NULL DEFAULT '',
  -- The proposed (then decided) penalty: tier of the article's grid, the reasons for the amount
  -- (裁量理由), the person fined when the tier fines a person (published masked).
  ADD COLUMN tier              text CHECK (tier IN ('first', 'aggravated', 'person', 'personAggravated')),
  ADD COLUMN reasons           text,
  ADD COLUMN person_name       text,
  ADD COLUMN illegal_gains     numeric(14, 2),
  ADD COLUMN annual_income     numeric(14, 2),
  ADD COLUMN revocation        boolean NOT NULL DEFAULT false,
  ADD COLUMN hearing_right     boolean NOT NULL DEFAULT false,
  ADD COLUMN hearing_requested boolean NOT NULL DEFAULT false,
  ADD COLUMN hearing_held_on   date,
  ADD COLUMN statement         text,
  ADD COLUMN notified_at       timestamptz,
  ADD COLUMN served_at         timestamptz,
  -- 行政处罚法 Art. 67: 15 days from service.
  ADD COLUMN payment_due_on    date,
  -- 加处罚款 decided (行政处罚法 Art. 72), owed on top of the fine.
  ADD COLUMN late_fee_yuan     numeric(14, 2) NOT NULL DEFAULT 0,
  ADD COLUMN late_fee_decided  boolean NOT NULL DEFAULT false,
  ADD COLUMN resumed_at        timestamptz,
  ADD COLUMN drop_kind         text CHECK (drop_kind IN ('noPenalty', 'revoke')),
  ADD COLUMN drop_reason       text,
  ADD COLUMN transfer_to       text,
  ADD COLUMN filing_document_id   uuid REFERENCES enforcement_documents (id),
  ADD COLUMN decision_document_id uuid REFERENCES enforcement_documents (id);

ALTER TABLE enforcement_cases ADD CONSTRAINT enforcement_cases_status_check CHECK (status IN
  ('filed', 'investigating', 'notified', 'hearing', 'review', 'decided', 'served', 'executing', 'closed', 'transferred', 'dropped'));

CREATE INDEX enforcement_cases_published_idx ON enforcement_cases (published_at DESC) WHERE published_at IS NOT NULL;
CREATE INDEX enforcement_cases_hazard_idx ON enforcement_cases (hazard_id);

-- The case's timeline: every step with who, when, the state before and after, and its note.
CREATE TABLE enforcement_case_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES enforcement_cases (id),
  kind        text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES users (id),
  -- The name as it was when acting: a reader of a lower level cannot see a city officer's user row.
  actor_name  text,
  note        text,
  data        jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_case_events_case_idx ON enforcement_case_events (case_id, at);

-- 按日连续处罚 (安全生产法 Art. 112): one row per day the correction order is refused, at the
-- original fine, from the day after the order.
CREATE TABLE enforcement_daily_penalties (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES enforcement_cases (id),
  day         date NOT NULL,
  amount_yuan numeric(14, 2) NOT NULL CHECK (amount_yuan > 0),
  note        text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, day)
);

-- 插手干预 (领导干部干预司法活动、插手具体案件处理的记录): an outside request about a case, as the officer
-- recorded it. Append-only: a trigger refuses every UPDATE and DELETE, whoever asks (the owner too).
-- Visible to supervisors (the department head's level and above) and to the recorder; never to the
-- party (row-level security below refuses enterprise accounts outright).
CREATE TABLE enforcement_interference (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES enforcement_cases (id),
  who_name    text NOT NULL,
  org         text,
  occurred_at timestamptz NOT NULL,
  what        text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_interference_case_idx ON enforcement_interference (case_id);

CREATE FUNCTION enforcement_interference_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'interference records cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER enforcement_interference_append_only BEFORE UPDATE OR DELETE ON enforcement_interference
  FOR EACH ROW EXECUTE FUNCTION enforcement_interference_append_only();

GRANT SELECT, INSERT ON enforcement_case_events, enforcement_daily_penalties, enforcement_interference TO taishan_app;

ALTER TABLE enforcement_case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_daily_penalties ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_interference ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforcement_case_events_scope ON enforcement_case_events TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_cases c WHERE c.id = case_id));
CREATE POLICY enforcement_daily_penalties_scope ON enforcement_daily_penalties TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_cases c WHERE c.id = case_id));
CREATE POLICY enforcement_interference_scope ON enforcement_interference TO taishan_app
  USING (current_setting('taishan.enterprise_id', true) = '' AND EXISTS (SELECT 1 FROM enforcement_cases c WHERE c.id = case_id));

-- The workbench counts overdue publications (7 working days) inside the caller's scoped read: the
-- holiday calendar is public data, readable by the app role.
GRANT SELECT ON calendar_days TO taishan_app;
