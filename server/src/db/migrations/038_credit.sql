-- Credit files (信用档案, issue 26): intermediaries (中介机构) as a directory of their own with their
-- reports (安全评价报告公开), yearly safety commitments (安全承诺) and the broken ones, each
-- subject's credit level with its history, and the partner keys of the joint-sanctions query
-- (联合惩戒) with the log of every query. The level's rule is domain/src/credit/level.ts; the
-- events it counts stay in their own tables (cases, accidents, hazards, the blacklist).

-- 安全评价、检测检验、认证 agencies. Deleted ones stay (deleted_at): the blacklist and old reports name them.
CREATE TABLE intermediaries (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                      text NOT NULL,
  uscc                      text NOT NULL UNIQUE,
  kind                      text NOT NULL CHECK (kind IN ('evaluation', 'testing', 'certification', 'inspection')),
  region_code               text COLLATE "C" NOT NULL REFERENCES regions (code),
  qualification_number      text,
  qualification_valid_until date,
  address                   text,
  -- [{name, qualificationNumber}]: the agency's qualified staff (评价师, 检测人员 …).
  staff                     jsonb NOT NULL DEFAULT '[]',
  deleted_at                timestamptz,
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intermediaries_region_idx ON intermediaries (region_code, name);

-- A report the agency issued (安全评价报告, 检测报告 …), published or not, found false or not.
CREATE TABLE intermediary_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  intermediary_id uuid NOT NULL REFERENCES intermediaries (id),
  -- The agency's region (copied): the scope of the report.
  region_code     text COLLATE "C" NOT NULL,
  enterprise_id   uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  enterprise_name text NOT NULL,
  title           text NOT NULL,
  report_date     date NOT NULL,
  conclusion      text NOT NULL CHECK (conclusion IN ('pass', 'conditional', 'fail')),
  summary         text,
  published_at    timestamptz,
  false_found_at  timestamptz,
  false_reason    text,
  false_found_by  uuid REFERENCES users (id),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intermediary_reports_agency_idx ON intermediary_reports (intermediary_id, report_date DESC);
CREATE INDEX intermediary_reports_enterprise_idx ON intermediary_reports (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX intermediary_reports_published_idx ON intermediary_reports (published_at DESC) WHERE published_at IS NOT NULL;

-- One signed commitment per enterprise and year; the text is frozen as signed.
CREATE TABLE safety_commitments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code   text COLLATE "C" NOT NULL,
  industry_code text COLLATE "C" NOT NULL,
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  signer        text NOT NULL,
  signer_title  text,
  text          text NOT NULL,
  signed_at     timestamptz NOT NULL DEFAULT now(),
  signed_by     uuid REFERENCES users (id),
  UNIQUE (enterprise_id, year)
);
CREATE INDEX safety_commitments_year_idx ON safety_commitments (year, enterprise_id);

-- A broken commitment (违背安全承诺) as a regulator recorded it: an event of the credit file.
CREATE TABLE commitment_breaches (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code   text COLLATE "C" NOT NULL,
  industry_code text COLLATE "C" NOT NULL,
  year          integer NOT NULL,
  commitment_id uuid REFERENCES safety_commitments (id),
  reason        text NOT NULL,
  occurred_on   date NOT NULL,
  recorded_by   uuid REFERENCES users (id),
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commitment_breaches_enterprise_idx ON commitment_breaches (enterprise_id, occurred_on);

-- The level in force of each subject (an enterprise or an intermediary) and why.
CREATE TABLE credit_levels (
  subject_type  text NOT NULL CHECK (subject_type IN ('enterprise', 'intermediary')),
  subject_id    uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  industry_code text COLLATE "C",
  -- The enterprise's id (its own scope reads it); null for an intermediary.
  enterprise_id uuid,
  level         text NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
  score         integer NOT NULL,
  reasons       jsonb NOT NULL DEFAULT '[]',
  computed_at   timestamptz NOT NULL DEFAULT now(),
  -- When the level last changed (the 工作台's "fell to C/D recently").
  changed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_type, subject_id)
);
CREATE INDEX credit_levels_region_idx ON credit_levels (region_code, level);

-- Every change of level (the first computation included) with the score, reasons and the cause.
CREATE TABLE credit_level_changes (
  id            bigserial PRIMARY KEY,
  subject_type  text NOT NULL,
  subject_id    uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  industry_code text COLLATE "C",
  enterprise_id uuid,
  from_level    text,
  to_level      text NOT NULL,
  score         integer NOT NULL,
  reasons       jsonb NOT NULL DEFAULT '[]',
  cause         text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_level_changes_subject_idx ON credit_level_changes (subject_type, subject_id, changed_at DESC);

-- Partner systems' keys: only the SHA-256 is kept; the key is shown once when issued.
CREATE TABLE partner_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  contact     text,
  prefix      text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  per_minute  integer NOT NULL CHECK (per_minute > 0),
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  uuid REFERENCES users (id)
);

-- Every query by a partner system, refused ones included (no key, a revoked key, over the rate).
CREATE TABLE partner_queries (
  id       bigserial PRIMARY KEY,
  key_id   uuid REFERENCES partner_keys (id),
  uscc     text,
  outcome  text NOT NULL CHECK (outcome IN ('ok', 'unauthorized', 'revoked', 'rateLimited', 'invalid')),
  listed   boolean,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_queries_key_idx ON partner_queries (key_id, at DESC);

GRANT SELECT, INSERT, UPDATE ON intermediaries, intermediary_reports, safety_commitments, credit_levels, partner_keys TO taishan_app;
GRANT SELECT, INSERT ON commitment_breaches, credit_level_changes, partner_queries TO taishan_app;
GRANT USAGE ON SEQUENCE credit_level_changes_id_seq, partner_queries_id_seq TO taishan_app;

-- Scope. Intermediaries and their reports: regulators of the agency's region and above
-- (enterprise accounts see none; the published reports have a public page of their own).
ALTER TABLE intermediaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE intermediary_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY intermediaries_scope ON intermediaries TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY intermediary_reports_scope ON intermediary_reports TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

-- Commitments, breaches, levels and their history: the region, the enterprise's own, a department's industries.
ALTER TABLE safety_commitments ENABLE ROW LEVEL SECURITY;
ALTER TABLE commitment_breaches ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_level_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY safety_commitments_scope ON safety_commitments TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '') OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[])));
CREATE POLICY commitment_breaches_scope ON commitment_breaches TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '') OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[])));
-- Levels are written by whoever's change moved them (a hazard closed by the enterprise itself
-- recomputes its level): the same scope for reading and writing.
CREATE POLICY credit_levels_scope ON credit_levels TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '') OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*') OR industry_code IS NULL
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[])));
CREATE POLICY credit_level_changes_read ON credit_level_changes FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '') OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*') OR industry_code IS NULL
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[])));
CREATE POLICY credit_level_changes_write ON credit_level_changes FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'));

-- Partner keys and their log: the platform administrator (national scope) only; the query
-- endpoint itself authenticates by key and runs as the platform.
ALTER TABLE partner_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE partner_queries ENABLE ROW LEVEL SECURITY;
CREATE POLICY partner_keys_admin ON partner_keys TO taishan_app
  USING ((SELECT current_setting('taishan.region_prefix', true) = '') AND (SELECT current_setting('taishan.enterprise_id', true) = '')
    AND (SELECT current_setting('taishan.industries', true) = '*'));
CREATE POLICY partner_queries_admin ON partner_queries FOR SELECT TO taishan_app
  USING ((SELECT current_setting('taishan.region_prefix', true) = '') AND (SELECT current_setting('taishan.enterprise_id', true) = '')
    AND (SELECT current_setting('taishan.industries', true) = '*'));

-- Joint sanctions in the directory: "is this enterprise currently listed" for the enterprise
-- presenter, as a function so that the directory's queries need not know the blacklist's table
-- (migration 039, built in parallel; plpgsql resolves the table when called, false until it exists).
-- SECURITY INVOKER: the caller's row-level security applies to the entries it reads.
CREATE FUNCTION enterprise_listed(eid uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF to_regclass('credit_blacklist_entries') IS NULL THEN
    RETURN false;
  END IF;
  RETURN EXISTS (SELECT 1 FROM credit_blacklist_entries b WHERE b.enterprise_id = eid AND b.status = 'listed' AND b.expires_at > now());
END $$;
GRANT EXECUTE ON FUNCTION enterprise_listed(uuid) TO taishan_app;

-- The credit level's facts per enterprise: decided cases by their enterprise.
CREATE INDEX enforcement_cases_enterprise_idx ON enforcement_cases (enterprise_id, decided_at);
