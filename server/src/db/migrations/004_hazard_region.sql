-- Hazards carry their enterprise's region and industry (kept by triggers), so a county's hazard
-- list is one ordered index scan instead of a join through a million rows: the county page
-- "open hazards by deadline" reads (county_code, deadline, id) and stops after the page.
-- The enterprise stays the source of truth: the columns are copied on insert and follow the
-- enterprise when it moves region or changes industry.

ALTER TABLE hazards ADD COLUMN region_code text COLLATE "C";
ALTER TABLE hazards ADD COLUMN county_code text COLLATE "C";
ALTER TABLE hazards ADD COLUMN industry_code text COLLATE "C";

UPDATE hazards h SET region_code = e.region_code, county_code = left(e.region_code, 6), industry_code = e.industry_code
  FROM enterprises e WHERE e.id = h.enterprise_id;

ALTER TABLE hazards ALTER COLUMN region_code SET NOT NULL;
ALTER TABLE hazards ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE hazards ALTER COLUMN industry_code SET NOT NULL;

-- SECURITY DEFINER: the copy must happen whatever the caller's row-level scope (an enterprise
-- moved out of a county supervisor's area still takes its hazards along).
CREATE FUNCTION hazards_copy_enterprise() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT e.region_code, left(e.region_code, 6), e.industry_code INTO NEW.region_code, NEW.county_code, NEW.industry_code
    FROM enterprises e WHERE e.id = NEW.enterprise_id;
  RETURN NEW;
END $$;
CREATE TRIGGER hazards_copy_enterprise BEFORE INSERT OR UPDATE OF enterprise_id ON hazards
  FOR EACH ROW EXECUTE FUNCTION hazards_copy_enterprise();

CREATE FUNCTION enterprises_move_hazards() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE hazards SET region_code = NEW.region_code, county_code = left(NEW.region_code, 6), industry_code = NEW.industry_code
    WHERE enterprise_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprises_move_hazards AFTER UPDATE OF region_code, industry_code ON enterprises
  FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.industry_code IS DISTINCT FROM NEW.industry_code)
  EXECUTE FUNCTION enterprises_move_hazards();

-- Every read of hazards by place goes through county_code (equality for a county or below, a
-- range for a city or province — both leakproof, so usable under row-level security): the
-- county list (open, by deadline) is an ordered scan of the first index that stops after the
-- page; counts and dashboard aggregates are index-only scans (the INCLUDE columns are every
-- column the filters and the row-level policy read). There is deliberately no index leading
-- with region_code: the policy's region range would become its index condition, estimated at
-- a fraction of a row, and the planner would sort thousands of rows instead of reading 20.
CREATE INDEX hazards_county_open_deadline_idx ON hazards (county_code, deadline, id)
  INCLUDE (region_code, enterprise_id, industry_code, status, level, overdue, listed_tier, found_tier)
  WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX hazards_open_deadline_idx ON hazards (deadline, id) WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX hazards_county_stats_idx ON hazards (county_code)
  INCLUDE (region_code, enterprise_id, industry_code, status, level, overdue, listed_tier, found_tier);
DROP INDEX hazards_deadline_idx;

-- Row-level security straight on the hazard's own columns (the same rule as enterprises), no
-- per-row lookup of the enterprise. Wrapped in CASE on purpose: the planner cannot see through
-- it and estimates it at one half, where the bare conditions (ranges and ORs against settings it
-- cannot read at plan time) multiply to a fraction of a row and make it choose a full sort over
-- the ordered index. The application's own WHERE (the first wall) carries the selective,
-- index-using conditions.
DROP POLICY hazards_scope ON hazards;
CREATE POLICY hazards_scope ON hazards TO taishan_app
  USING (CASE WHEN
    region_code >= current_setting('taishan.region_prefix', true)
    AND region_code < current_setting('taishan.region_prefix', true) || '~'
    AND (current_setting('taishan.enterprise_id', true) = '' OR enterprise_id::text = current_setting('taishan.enterprise_id', true))
    AND (current_setting('taishan.industries', true) = '*'
         OR left(industry_code, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ',')))
    THEN true ELSE false END);
