-- Public reports (举报). What could identify or expose the reporter is sealed with keys held
-- outside the database (server/src/modules/reports/keyring.ts): the description, place and time
-- in sealed_content, name and phone in sealed_identity, every message and attachment. The
-- receipt is kept only as an argon2id hash plus a 16-bit keyed tag to narrow the look-up. No
-- address, user agent or precise time of submission is stored: the day is enough for deadlines.

CREATE TABLE reports (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category         text NOT NULL CHECK (category IN ('hazard', 'illegalProduction', 'concealedAccident', 'other')),
  enterprise_id    uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  region_code      text COLLATE "C" NOT NULL REFERENCES regions (code),
  sealed_content   text NOT NULL,
  sealed_identity  text,
  anonymous        boolean NOT NULL,
  receipt_tag      text NOT NULL,
  receipt_hash     text NOT NULL,
  status           text NOT NULL DEFAULT 'received',
  status_reason    text,
  hazard_id        uuid REFERENCES hazards (id) ON DELETE SET NULL,
  reward_amount    numeric(12, 2),
  reward_basis     text,
  received_on      date NOT NULL,
  accept_due       date NOT NULL,
  conclude_due     date NOT NULL,
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX reports_receipt_tag_idx ON reports (receipt_tag);
CREATE INDEX reports_region_idx ON reports (region_code, status);

CREATE TABLE report_messages (
  id           bigserial PRIMARY KEY,
  report_id    uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  author       text NOT NULL CHECK (author IN ('reporter', 'handler')),
  handler      text,
  sealed_text  text NOT NULL,
  sent_on      date NOT NULL
);
CREATE INDEX report_messages_report_idx ON report_messages (report_id, id);

CREATE TABLE report_transitions (
  id          bigserial PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor       text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_transitions_report_idx ON report_transitions (report_id, id);

GRANT SELECT, INSERT, UPDATE ON reports TO taishan_app;
GRANT SELECT, INSERT ON report_messages, report_transitions TO taishan_app;
GRANT USAGE ON SEQUENCE report_messages_id_seq, report_transitions_id_seq TO taishan_app;

-- Reports are handled by area supervisors: never by an enterprise account (the reported
-- enterprise must not read its reports) nor by a department inspector limited to industries.
ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY reports_scope ON reports TO taishan_app
  USING (
    region_code >= current_setting('taishan.region_prefix', true)
    AND region_code < current_setting('taishan.region_prefix', true) || '~'
    AND current_setting('taishan.enterprise_id', true) = ''
    AND current_setting('taishan.industries', true) = '*'
  );
CREATE POLICY report_messages_scope ON report_messages TO taishan_app
  USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id));
CREATE POLICY report_transitions_scope ON report_transitions TO taishan_app
  USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id));
