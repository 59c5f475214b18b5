-- Law enforcement (执法, issue 24): the core every part of the capability shares. Classes and
-- plans (031), draws (032), inspections' details (033) and cases' details (034) add their own
-- tables and columns; what is here is what more than one part reads: who may enforce, the
-- inspections and cases themselves, the numbered documents with their service records, and
-- payments (the statistics read them all).

-- 安全生产标准化 grade of an enterprise and until when it is valid (a directory field; the
-- classification rules read it). Grades: level1 / level2 / level3; NULL: not graded.
ALTER TABLE enterprises ADD COLUMN standardization_grade text CHECK (standardization_grade IN ('level1', 'level2', 'level3'));
ALTER TABLE enterprises ADD COLUMN standardization_valid_until date;

-- Certified enforcement officers (行政执法证): a user who may enforce, with the certificate number
-- printed on every document they sign. Only officers with a valid certificate are drawn or sign.
CREATE TABLE enforcement_officers (
  user_id        uuid PRIMARY KEY REFERENCES users (id),
  certificate_no text NOT NULL UNIQUE,
  valid_until    date,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A recorded conflict of interest (利害关系, 行政处罚法 Art. 43): the officer is never drawn for,
-- nor signs at, that enterprise.
CREATE TABLE officer_conflicts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  reason        text NOT NULL,
  recorded_by   uuid REFERENCES users (id),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, enterprise_id)
);

-- An enterprise's supervision class (分类分级, A–D) in its jurisdiction, computed by the domain rules
-- (domain/src/enforcement/classes.ts) from its data, or set by a regulator with a reason (audited).
-- `class` is what every reader uses (plans, draws' weights, statistics).
CREATE TABLE enterprise_classes (
  -- Derived from the enterprise's data: it goes with the enterprise.
  enterprise_id   uuid PRIMARY KEY REFERENCES enterprises (id) ON DELETE CASCADE,
  computed_class  text NOT NULL CHECK (computed_class IN ('A', 'B', 'C', 'D')),
  reasons         jsonb NOT NULL DEFAULT '[]',
  override_class  text CHECK (override_class IN ('A', 'B', 'C', 'D')),
  override_reason text,
  overridden_by   uuid REFERENCES users (id),
  overridden_at   timestamptz,
  class           text GENERATED ALWAYS AS (coalesce(override_class, computed_class)) STORED,
  computed_at     timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);

-- Copies an enterprise's place and industry onto an enforcement row (as hazards do, migration
-- 004): scope filters and row-level security read the row's own columns.
CREATE FUNCTION enforcement_copy_enterprise() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT e.region_code, left(e.region_code, 6), e.industry_code, e.name
    INTO NEW.region_code, NEW.county_code, NEW.industry_code, NEW.enterprise_name
    FROM enterprises e WHERE e.id = NEW.enterprise_id;
  RETURN NEW;
END $$;

-- An on-site inspection (现场检查) by two officers. `source` says why it happened; the link
-- columns point at the plan item, draw pick, campaign or public report (foreign keys are added by
-- the migrations that create those tables). `status`: planned → inProgress → recorded (the 现场
-- 检查记录 is issued) → closed (every finding handled), or cancelled.
CREATE TABLE enforcement_inspections (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  enterprise_name text NOT NULL DEFAULT '',
  region_code     text COLLATE "C" NOT NULL DEFAULT '',
  county_code     text COLLATE "C" NOT NULL DEFAULT '',
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  -- The issuing department (its documents carry its 简称); NULL: the county's 应急管理局.
  department_id   uuid REFERENCES departments (id),
  source          text NOT NULL CHECK (source IN ('plan', 'draw', 'campaign', 'report', 'referral', 'adhoc')),
  plan_item_id    uuid,
  draw_pick_id    uuid,
  campaign_id     uuid,
  report_id       uuid,
  -- 四不两直 (不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场).
  unannounced     boolean NOT NULL DEFAULT false,
  -- 明查暗访, counted against the yearly quota.
  covert          boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'inProgress', 'recorded', 'closed', 'cancelled')),
  officer_ids     uuid[] NOT NULL DEFAULT '{}',
  planned_on      date,
  started_at      timestamptz,
  ended_at        timestamptz,
  -- Findings: counted when the record is issued (the detail rows are migration 033's).
  violations      integer NOT NULL DEFAULT 0,
  hazards_found   integer NOT NULL DEFAULT 0,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE TRIGGER enforcement_inspections_copy_enterprise BEFORE INSERT OR UPDATE OF enterprise_id ON enforcement_inspections
  FOR EACH ROW EXECUTE FUNCTION enforcement_copy_enterprise();
CREATE INDEX enforcement_inspections_county_idx ON enforcement_inspections (county_code, started_at)
  INCLUDE (region_code, industry_code, enterprise_id, status, violations, hazards_found, source, covert);
CREATE INDEX enforcement_inspections_enterprise_idx ON enforcement_inspections (enterprise_id, started_at);

-- An administrative penalty case (行政处罚案件). The state machine is domain/src/enforcement;
-- here are the columns the statistics and deadlines read. Money in yuan (numeric, exact).
CREATE TABLE enforcement_cases (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id    uuid NOT NULL REFERENCES enterprises (id),
  enterprise_name  text NOT NULL DEFAULT '',
  region_code      text COLLATE "C" NOT NULL DEFAULT '',
  county_code      text COLLATE "C" NOT NULL DEFAULT '',
  industry_code    text COLLATE "C" NOT NULL DEFAULT '',
  department_id    uuid REFERENCES departments (id),
  inspection_id    uuid REFERENCES enforcement_inspections (id),
  hazard_id        uuid REFERENCES hazards (id),
  title            text NOT NULL,
  -- The violated article's key in domain's penalty table (e.g. '101'), once chosen.
  article          text,
  status           text NOT NULL DEFAULT 'filed',
  filed_at         timestamptz NOT NULL DEFAULT now(),
  -- 行政处罚法 Art. 60: decided within 90 days of filing.
  decision_due_on  date NOT NULL,
  decided_at       timestamptz,
  fine_yuan        numeric(14, 2),
  paid_yuan        numeric(14, 2) NOT NULL DEFAULT 0,
  transferred      boolean NOT NULL DEFAULT false,
  -- 停产停业整顿 / 关闭 decided in this case.
  suspension       boolean NOT NULL DEFAULT false,
  closed_at        timestamptz,
  published_at     timestamptz,
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);
CREATE TRIGGER enforcement_cases_copy_enterprise BEFORE INSERT OR UPDATE OF enterprise_id ON enforcement_cases
  FOR EACH ROW EXECUTE FUNCTION enforcement_copy_enterprise();
CREATE INDEX enforcement_cases_county_idx ON enforcement_cases (county_code, filed_at)
  INCLUDE (region_code, industry_code, enterprise_id, status, fine_yuan, paid_yuan, transferred, suspension, decided_at);
CREATE INDEX enforcement_cases_inspection_idx ON enforcement_cases (inspection_id);

-- Every enforcement document issued (执法文书), numbered by the shared counter (server/src/documents)
-- unless it carries its parent's number (责改 and 复查 take the 检查记录's serial: `parent_id`).
-- `content` is what the PDF is drawn from, frozen at issue: a reprint is the same document.
CREATE TABLE enforcement_documents (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind            text NOT NULL,
  number          text NOT NULL,
  serial          integer NOT NULL,
  year            integer NOT NULL,
  issuer_key      text NOT NULL,
  parent_id       uuid REFERENCES enforcement_documents (id),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  enterprise_name text NOT NULL DEFAULT '',
  region_code     text COLLATE "C" NOT NULL DEFAULT '',
  county_code     text COLLATE "C" NOT NULL DEFAULT '',
  industry_code   text COLLATE "C" NOT NULL DEFAULT '',
  inspection_id   uuid REFERENCES enforcement_inspections (id),
  case_id         uuid REFERENCES enforcement_cases (id),
  content         jsonb NOT NULL,
  issued_by       uuid REFERENCES users (id),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  -- The party's signature: who signed and when, or that they refused (recorded, Art. 68).
  signed_by_name  text,
  signed_at       timestamptz,
  signature_refused boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX enforcement_documents_own_number_idx ON enforcement_documents (kind, issuer_key, year, serial) WHERE parent_id IS NULL;
CREATE TRIGGER enforcement_documents_copy_enterprise BEFORE INSERT ON enforcement_documents
  FOR EACH ROW EXECUTE FUNCTION enforcement_copy_enterprise();
CREATE INDEX enforcement_documents_inspection_idx ON enforcement_documents (inspection_id);
CREATE INDEX enforcement_documents_case_idx ON enforcement_documents (case_id);

-- Service (送达) of a document: when, how, to whom, by whom (文书送达回执).
CREATE TABLE enforcement_services (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES enforcement_documents (id),
  method      text NOT NULL CHECK (method IN ('direct', 'left', 'post', 'electronic', 'entrusted', 'announcement')),
  served_at   timestamptz NOT NULL,
  recipient   text NOT NULL,
  place       text,
  served_by   uuid[] NOT NULL DEFAULT '{}',
  note        text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_services_document_idx ON enforcement_services (document_id);

-- Money received on a case: the fine, late fees (加处罚款, 3 % a day), daily penalties (按日连续处罚).
CREATE TABLE enforcement_payments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES enforcement_cases (id),
  kind        text NOT NULL CHECK (kind IN ('fine', 'lateFee', 'dailyPenalty')),
  amount_yuan numeric(14, 2) NOT NULL CHECK (amount_yuan > 0),
  paid_on     date NOT NULL,
  receipt_no  text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_payments_case_idx ON enforcement_payments (case_id);

GRANT SELECT ON enforcement_officers, officer_conflicts TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON enterprise_classes TO taishan_app;
GRANT SELECT, INSERT, UPDATE ON enforcement_inspections, enforcement_cases, enforcement_documents TO taishan_app;
GRANT SELECT, INSERT ON enforcement_services, enforcement_payments TO taishan_app;

-- Row-level security as hazards' (migrations 004 and 011): region range, the enterprise's own rows
-- for an enterprise account, a department inspector's industries; each setting in a scalar
-- subquery, read once per statement (an InitPlan), not once per row — the statistics scan a
-- province's million inspections.
ALTER TABLE enforcement_inspections ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforcement_inspections_scope ON enforcement_inspections TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
CREATE POLICY enforcement_cases_scope ON enforcement_cases TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
CREATE POLICY enforcement_documents_scope ON enforcement_documents TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))
    AND ((SELECT current_setting('taishan.industries', true) = '*')
         OR left(industry_code, 2) = ANY ((SELECT string_to_array(current_setting('taishan.industries', true), ','))::text[]))
    THEN true ELSE false END);
CREATE POLICY enforcement_services_scope ON enforcement_services TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_documents d WHERE d.id = document_id));
CREATE POLICY enforcement_payments_scope ON enforcement_payments TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_cases c WHERE c.id = case_id));
ALTER TABLE enterprise_classes ENABLE ROW LEVEL SECURITY;
CREATE POLICY enterprise_classes_scope ON enterprise_classes TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
