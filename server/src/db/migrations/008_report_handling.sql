-- Handling public reports beyond the first steps: assignment, outcome and when it was reached
-- (handling time, retention), merge of duplicates, escalation when deadlines pass, the reward
-- decision with its computation and the payment record, attachments (sealed files), requests to
-- reveal a named reporter's identity (custodian approval), and reward rules per province.

ALTER TABLE reports
  ADD COLUMN assignee          text,
  ADD COLUMN outcome           text CHECK (outcome IN ('rejected', 'substantiated', 'unsubstantiated', 'merged')),
  ADD COLUMN concluded_on      date,
  ADD COLUMN merged_into       uuid REFERENCES reports (id) ON DELETE SET NULL,
  ADD COLUMN escalated_tier    text,
  ADD COLUMN overdue           text CHECK (overdue IN ('accept', 'conclude')),
  ADD COLUMN reward_computation jsonb,
  ADD COLUMN reward_paid_on    date,
  ADD COLUMN reward_reference  text;
CREATE INDEX reports_enterprise_idx ON reports (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX reports_retention_idx ON reports (concluded_on) WHERE outcome IN ('rejected', 'unsubstantiated');

-- Files sealed with the report keyring (the bytes in file storage are ciphertext; name and type
-- are sealed here). `message_id` ties a file to the message it came with, if any.
CREATE TABLE report_files (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  author      text NOT NULL CHECK (author IN ('reporter', 'handler')),
  storage_key text NOT NULL,
  sealed_meta text NOT NULL,
  size        integer NOT NULL,
  added_on    date NOT NULL
);
CREATE INDEX report_files_report_idx ON report_files (report_id);

-- A handler asks to see a named reporter's identity; another authorised person decides.
CREATE TABLE report_reveals (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  requested_by  uuid NOT NULL REFERENCES users (id),
  requester     text NOT NULL,
  reason        text NOT NULL,
  status        text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'refused')),
  decided_by    text,
  decision_note text,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  revealed_at   timestamptz
);
CREATE INDEX report_reveals_report_idx ON report_reveals (report_id);
CREATE UNIQUE INDEX report_reveals_open_idx ON report_reveals (report_id, requested_by) WHERE status = 'requested';

-- Reward rules: one row per province ('00' is the national default used where a province has none).
CREATE TABLE report_reward_rules (
  province    text PRIMARY KEY CHECK (province ~ '^[0-9]{2}$'),
  rule        jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, DELETE ON report_files TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON report_reveals TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON report_reward_rules TO taishan_app;

ALTER TABLE report_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_reveals ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_files_scope ON report_files TO taishan_app
  USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id));
CREATE POLICY report_reveals_scope ON report_reveals TO taishan_app
  USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id));

-- Handlers' steps notify the people they involve (assignee, custodians) inside their own transaction.
GRANT INSERT ON notifications TO taishan_app;
