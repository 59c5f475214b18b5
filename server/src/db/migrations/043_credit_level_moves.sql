-- A confirmed change of an enterprise's region or industry also moves its credit level's row
-- (credit_levels, migration 038), in the same SECURITY DEFINER step that moves the enterprise.
CREATE OR REPLACE FUNCTION apply_enterprise_change(req uuid, lacks boolean) RETURNS void
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
  -- The credit level goes with the enterprise (issue 26): the receiving county, which confirms the
  -- move and recomputes the level in the same transaction, could not otherwise reach the row its
  -- old county holds (row-level security on credit_levels is by region and industry).
  UPDATE credit_levels SET
    region_code = coalesce(r.changes->>'regionCode', region_code),
    industry_code = coalesce(r.changes->>'industryCode', industry_code)
  WHERE subject_type = 'enterprise' AND subject_id = r.enterprise_id;
END $$;
