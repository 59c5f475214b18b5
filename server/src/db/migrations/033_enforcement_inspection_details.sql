-- On-site inspections' details (issue 24 item 4): the place and the person in charge on site, the
-- checklist used (the hazard module's versioned templates), each item's result, and the findings
-- — each a hazard in the hazard loop (hazards.enforcement_inspection_id: source = enforcement), a
-- violation that opened a penalty case, or both — with their deadline and on-site measure.

ALTER TABLE enforcement_inspections
  ADD COLUMN place text,
  ADD COLUMN leader_name text,
  ADD COLUMN situation text,
  ADD COLUMN checklist_id uuid REFERENCES checklist_templates (id),
  ADD COLUMN cancel_reason text,
  ADD COLUMN review_opinion text,
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN note text;

-- A hazard an enforcement inspection found (its source, the statistics' "hazards found and fixed").
ALTER TABLE hazards ADD COLUMN enforcement_inspection_id uuid REFERENCES enforcement_inspections (id);
CREATE INDEX hazards_enforcement_inspection_idx ON hazards (enforcement_inspection_id) WHERE enforcement_inspection_id IS NOT NULL;

CREATE TABLE enforcement_checks (
  inspection_id uuid NOT NULL REFERENCES enforcement_inspections (id),
  code          text NOT NULL,
  result        text NOT NULL CHECK (result IN ('ok', 'finding', 'na')),
  note          text,
  PRIMARY KEY (inspection_id, code)
);

CREATE TABLE enforcement_findings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id   uuid NOT NULL REFERENCES enforcement_inspections (id),
  kind            text NOT NULL CHECK (kind IN ('hazard', 'violation')),
  description     text NOT NULL,
  location        text,
  level           text NOT NULL DEFAULT 'general' CHECK (level IN ('general', 'major')),
  check_code      text,
  deadline        date,
  on_site_measure text,
  -- 查封、扣押 (安全生产法 Art. 65 ¶1 (四); 行政强制法 Art. 25: at most 30 days): what is sealed or
  -- seized and for how many days; the record issues the 查封扣押决定书.
  seizure         text,
  seizure_days    integer CHECK (seizure_days BETWEEN 1 AND 30),
  article         text,
  hazard_id       uuid REFERENCES hazards (id),
  -- The case it opened (enforcement_cases, 030).
  case_id         uuid REFERENCES enforcement_cases (id),
  fixed_at        timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_findings_inspection_idx ON enforcement_findings (inspection_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON enforcement_checks, enforcement_findings TO taishan_app;
ALTER TABLE enforcement_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_findings ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforcement_checks_scope ON enforcement_checks TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_inspections i WHERE i.id = inspection_id));
CREATE POLICY enforcement_findings_scope ON enforcement_findings TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_inspections i WHERE i.id = inspection_id));

-- The officers named on an inspection, as documents print them (name and certificate number),
-- whatever their home region: a city officer or one drawn from another county (异地执法) is outside
-- a county user's view of `users`. Only names and certificates, and only of the ids asked for.
CREATE FUNCTION enforcement_officer_cards(ids uuid[], on_day date)
  RETURNS TABLE (user_id uuid, name text, certificate_no text, certified boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.display_name, o.certificate_no,
         coalesce(o.active AND (o.valid_until IS NULL OR o.valid_until >= on_day), false)
    FROM users u LEFT JOIN enforcement_officers o ON o.user_id = u.id
   WHERE u.id = ANY (ids)
$$;
GRANT EXECUTE ON FUNCTION enforcement_officer_cards(uuid[], date) TO taishan_app;

-- The certified officers a user may name on an inspection: those of their city (a county's own
-- and, for 异地执法 or joint inspections, the city's and its other counties'), valid on the day,
-- with whether each has a recorded conflict with the enterprise. Names and certificates only.
CREATE FUNCTION enforcement_officers_for(area_prefix text, on_day date, for_enterprise uuid)
  RETURNS TABLE (user_id uuid, name text, certificate_no text, region_code text, conflict boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.display_name, o.certificate_no, u.region_code,
         EXISTS (SELECT 1 FROM officer_conflicts c WHERE c.user_id = u.id AND c.enterprise_id = for_enterprise)
    FROM enforcement_officers o JOIN users u ON u.id = o.user_id
   WHERE o.active AND (o.valid_until IS NULL OR o.valid_until >= on_day)
     AND u.region_code >= area_prefix AND u.region_code < area_prefix || '~'
   ORDER BY u.region_code, u.display_name
$$;
GRANT EXECUTE ON FUNCTION enforcement_officers_for(text, date, uuid) TO taishan_app;
