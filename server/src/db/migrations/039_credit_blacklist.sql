-- The serious-discredit list (安全生产严重失信主体名单, 应急管理部令第11号; issue 26, owner: blacklist).
-- One row per subject + reason + source: a unit, an intermediary agency or a natural person
-- proposed (by the events or by hand) for the department that decided the penalty, taken through
-- 告知 → objection → decision → 3 years on the list → early removal / revocation / expiry.
-- Rules are domain/src/credit/blacklist*.ts; "currently listed" (read by the credit file) is
-- status = 'listed' AND expires_at > now(). A person's entry keeps enterprise_id NULL (the unit
-- itself is not listed by it): the person's unit is person_unit_id.

CREATE TABLE credit_blacklist_entries (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type          text NOT NULL CHECK (subject_type IN ('unit', 'agency', 'person')),
  enterprise_id         uuid REFERENCES enterprises (id),
  -- The credit file's intermediaries row (migration 038), when the agency is in that directory.
  intermediary_id       uuid REFERENCES intermediaries (id),
  person_unit_id        uuid REFERENCES enterprises (id),
  -- As published: the name and USCC at the time of the proposal (a unit may rename later).
  subject_name          text NOT NULL,
  subject_uscc          text,
  person_name           text,
  -- Shown only to the deciding department; everyone else (the public too) sees it masked.
  person_id_number      text,
  person_role           text CHECK (person_role IN ('principal', 'responsible')),
  reason                text NOT NULL CHECK (reason IN ('majorAccident', 'repeatedSeriousAccidents', 'multipleFine',
                          'concealedAccident', 'desertion', 'unlicensed', 'agencyFraud', 'penaltyNotExecuted', 'otherSerious')),
  source_type           text NOT NULL CHECK (source_type IN ('accident', 'case', 'report', 'manual')),
  source_id             uuid,
  source_ref            text NOT NULL,
  penalty_decision_ref  text,
  facts                 text NOT NULL DEFAULT '',
  -- The deciding jurisdiction ("谁处罚、谁决定"): the penalty's county (and department when known).
  region_code           text COLLATE "C" NOT NULL REFERENCES regions (code),
  industry_code         text COLLATE "C",
  department_id         uuid REFERENCES departments (id),
  status                text NOT NULL DEFAULT 'candidate'
                        CHECK (status IN ('candidate', 'noticed', 'objecting', 'listed', 'earlyRemoved', 'expired', 'dropped')),
  proposed_by           uuid REFERENCES users (id),
  proposed_by_name      text,
  proposed_at           timestamptz NOT NULL DEFAULT now(),
  noticed_at            timestamptz,
  objection_due_on      date,
  objection             text,
  objection_at          timestamptz,
  objection_reply       text,
  objection_upheld      boolean,
  objection_handled_at  timestamptz,
  decided_by            uuid REFERENCES users (id),
  decided_by_name       text,
  listed_at             timestamptz,
  expires_at            timestamptz,
  removal_applied_at    timestamptz,
  removal_applied_by    uuid REFERENCES users (id),
  removal_statement     text,
  removal_checklist     jsonb NOT NULL DEFAULT '{}',
  removed_at            timestamptz,
  removal_reason        text,
  revoked_at            timestamptz,
  revoke_reason         text,
  dropped_at            timestamptz,
  drop_reason           text,
  -- 联合惩戒: the partner departments (安全生产法 Art. 78) notified of the listing [{department, at}].
  partner_notices       jsonb NOT NULL DEFAULT '[]',
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (subject_type <> 'person' OR (person_name IS NOT NULL AND person_id_number IS NOT NULL AND enterprise_id IS NULL)),
  CHECK (status NOT IN ('listed', 'earlyRemoved', 'expired') OR (listed_at IS NOT NULL AND expires_at IS NOT NULL))
);
-- Proposing is idempotent: one entry per subject + reason + source.
CREATE UNIQUE INDEX credit_blacklist_entries_once_idx ON credit_blacklist_entries (
  subject_type,
  (coalesce(enterprise_id::text, intermediary_id::text, person_unit_id::text, '')),
  (coalesce(person_id_number, '')),
  reason,
  source_type,
  (coalesce(source_id::text, source_ref)));
CREATE INDEX credit_blacklist_entries_region_idx ON credit_blacklist_entries (region_code, status);
CREATE INDEX credit_blacklist_entries_enterprise_idx ON credit_blacklist_entries (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX credit_blacklist_entries_current_idx ON credit_blacklist_entries (expires_at) WHERE status = 'listed';

-- The numbered documents of a listing (告知书 应急失告, 决定书 应急失决, 移出决定书 应急失移), frozen at
-- issue: the PDF is drawn from `body` every time, so a reprint is the same document.
CREATE TABLE credit_blacklist_documents (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id    uuid NOT NULL REFERENCES credit_blacklist_entries (id),
  kind        text NOT NULL CHECK (kind IN ('creditNotice', 'creditDecision', 'creditRemoval')),
  number      text NOT NULL UNIQUE,
  issuer      text NOT NULL,
  title       text NOT NULL,
  body        jsonb NOT NULL,
  issued_by   uuid REFERENCES users (id),
  issued_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_blacklist_documents_entry_idx ON credit_blacklist_documents (entry_id, issued_at);

-- The entry's timeline: every step, who (the name as it was), when, the states and the note.
CREATE TABLE credit_blacklist_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id    uuid NOT NULL REFERENCES credit_blacklist_entries (id),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES users (id),
  actor_name  text,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_blacklist_events_entry_idx ON credit_blacklist_events (entry_id, at);

GRANT SELECT, INSERT, UPDATE ON credit_blacklist_entries TO taishan_app;
GRANT SELECT, INSERT ON credit_blacklist_documents, credit_blacklist_events TO taishan_app;

-- Scope: the jurisdiction sees its entries; an enterprise only its own unit's (never a person's);
-- a department its industries. Separate SELECT / INSERT / UPDATE policies (a USING-only policy
-- also checks INSERT, see 037).
ALTER TABLE credit_blacklist_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_blacklist_entries_read ON credit_blacklist_entries FOR SELECT TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
-- Proposals come from the jurisdiction's regulators (never an enterprise account).
CREATE POLICY credit_blacklist_entries_insert ON credit_blacklist_entries FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
-- The party's objection and early-removal application are updates of its own entry.
CREATE POLICY credit_blacklist_entries_update ON credit_blacklist_entries FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
ALTER TABLE credit_blacklist_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_blacklist_documents_read ON credit_blacklist_documents FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM credit_blacklist_entries e WHERE e.id = entry_id));
CREATE POLICY credit_blacklist_documents_insert ON credit_blacklist_documents FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM credit_blacklist_entries e WHERE e.id = entry_id));
ALTER TABLE credit_blacklist_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_blacklist_events_read ON credit_blacklist_events FOR SELECT TO taishan_app
  USING (EXISTS (SELECT 1 FROM credit_blacklist_entries e WHERE e.id = entry_id));
CREATE POLICY credit_blacklist_events_insert ON credit_blacklist_events FOR INSERT TO taishan_app
  WITH CHECK (EXISTS (SELECT 1 FROM credit_blacklist_entries e WHERE e.id = entry_id));
