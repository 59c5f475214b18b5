-- 传染病报告 (issue 28, cases part): the trail of each card (history incl. merges), the card's
-- serial per facility and year, the person's document type and the note of a return.
-- Owner: cases. Base tables are 051_public_health.sql.

ALTER TABLE ph_cases ADD COLUMN return_reason text;
ALTER TABLE ph_cases ADD COLUMN merge_reason text;

-- Every change of a card: who, when, what (no person data; the reason is the reviewer's words).
CREATE TABLE ph_case_history (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES ph_cases (id),
  action      text NOT NULL CHECK (action IN ('report', 'review', 'return', 'resubmit', 'revoke', 'reclassify', 'merge', 'mergedInto')),
  from_status text,
  to_status   text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id    uuid REFERENCES users (id),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ph_case_history_case_idx ON ph_case_history (case_id, at);

-- A duplicate merged into another card, with the reviewer's reason.
CREATE TABLE ph_case_merges (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  merged_id   uuid NOT NULL UNIQUE REFERENCES ph_cases (id),
  into_id     uuid NOT NULL REFERENCES ph_cases (id),
  reason      text NOT NULL,
  merged_by   uuid REFERENCES users (id),
  merged_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (merged_id <> into_id)
);
CREATE INDEX ph_case_merges_into_idx ON ph_case_merges (into_id);

-- The card number: <facility serial prefix>-<year>-<serial>, a serial per facility and year.
CREATE TABLE ph_case_serials (
  facility_id uuid NOT NULL REFERENCES enterprises (id),
  year        integer NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (facility_id, year)
);

GRANT SELECT, INSERT ON ph_case_history, ph_case_merges TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON ph_case_serials TO taishan_app;
GRANT INSERT ON ph_diseases, ph_disease_versions TO taishan_app;
