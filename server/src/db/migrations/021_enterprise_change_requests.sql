-- 企业监管要素变更申请 (issue 22, item 6). The fields that decide who supervises an enterprise
-- (region, industry, high-risk fields, employees and revenue, which decide the safety-director
-- rule) are changed by regulators; an enterprise asks, and its county confirms — for a move, the
-- county it moves to. pending → approved | rejected | withdrawn.
CREATE TABLE enterprise_change_requests (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id       uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  enterprise_name     text NOT NULL,
  -- Where the enterprise was when it asked, and its industry (department scopes read it).
  region_code         text COLLATE "C" NOT NULL,
  industry_code       text NOT NULL,
  -- The county that confirms (12 digits): the one moved to for a move, else the enterprise's own.
  confirm_region_code text COLLATE "C" NOT NULL,
  before              jsonb NOT NULL,
  changes             jsonb NOT NULL,
  reason              text NOT NULL,
  status              text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by        uuid,
  requester           text NOT NULL,
  requested_at        timestamptz NOT NULL DEFAULT now(),
  decided_by          uuid,
  decider             text,
  decided_at          timestamptz,
  decision_note       text
);
-- One request at a time per enterprise.
CREATE UNIQUE INDEX enterprise_change_requests_pending_idx ON enterprise_change_requests (enterprise_id) WHERE status = 'pending';
CREATE INDEX enterprise_change_requests_confirm_idx ON enterprise_change_requests (confirm_region_code, status);
CREATE INDEX enterprise_change_requests_region_idx ON enterprise_change_requests (region_code, status);

GRANT SELECT, INSERT, UPDATE ON enterprise_change_requests TO taishan_app;
ALTER TABLE enterprise_change_requests ENABLE ROW LEVEL SECURITY;
-- Seen by the enterprise itself, and by government whose scope holds where the enterprise is or
-- the county that confirms (a receiving county sees the request before the enterprise is its own).
CREATE POLICY enterprise_change_requests_scope ON enterprise_change_requests TO taishan_app
  USING (
    (current_setting('taishan.enterprise_id', true) = '' OR enterprise_id::text = current_setting('taishan.enterprise_id', true))
    AND (current_setting('taishan.industries', true) = '*'
         OR left(industry_code, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ',')))
    AND ((region_code >= current_setting('taishan.region_prefix', true)
          AND region_code < current_setting('taishan.region_prefix', true) || '~')
      OR (confirm_region_code >= current_setting('taishan.region_prefix', true)
          AND confirm_region_code < current_setting('taishan.region_prefix', true) || '~'))
  );

-- Applying an approved request: the receiving county of a move cannot see the enterprise until it
-- has moved (row-level security), so the change is written as the owner — only for a request
-- approved in this very transaction, by a caller whose scope holds the confirming county.
CREATE FUNCTION apply_enterprise_change(req uuid, lacks boolean) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r enterprise_change_requests;
  prefix text := current_setting('taishan.region_prefix', true);
BEGIN
  SELECT * INTO r FROM enterprise_change_requests
  WHERE id = req AND status = 'approved' AND decided_at = now()
    AND confirm_region_code >= prefix AND confirm_region_code < prefix || '~';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'change request % is not approved here and now', req USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE enterprises SET
    region_code = coalesce(r.changes->>'regionCode', region_code),
    industry_code = coalesce(r.changes->>'industryCode', industry_code),
    high_risk = CASE WHEN r.changes ? 'highRisk' THEN ARRAY(SELECT jsonb_array_elements_text(r.changes->'highRisk')) ELSE high_risk END,
    employees = CASE WHEN r.changes ? 'employees' THEN (r.changes->>'employees')::integer ELSE employees END,
    revenue_wan = CASE WHEN r.changes ? 'revenueWan' THEN (r.changes->>'revenueWan')::double precision ELSE revenue_wan END,
    lacks_safety_director = lacks,
    version = version + 1,
    updated_at = now()
  WHERE id = r.enterprise_id;
END $$;
REVOKE ALL ON FUNCTION apply_enterprise_change(uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION apply_enterprise_change(uuid, boolean) TO taishan_app;

-- The enterprise a request concerns, as it is now, for the caller deciding it: the receiving
-- county of a move does not see it yet. Only while the request is pending and the caller's scope
-- holds the confirming county; locks the row, since the decision writes it.
CREATE FUNCTION change_request_enterprise(req uuid) RETURNS jsonb
  LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT to_jsonb(e) FROM enterprises e JOIN enterprise_change_requests r ON r.enterprise_id = e.id
  WHERE r.id = req AND r.status = 'pending'
    AND r.confirm_region_code >= current_setting('taishan.region_prefix', true)
    AND r.confirm_region_code < current_setting('taishan.region_prefix', true) || '~'
  FOR UPDATE OF e;
$$;
REVOKE ALL ON FUNCTION change_request_enterprise(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_request_enterprise(uuid) TO taishan_app;
