-- Hazards carry their enterprise's name too, copied like its region and industry (004), so a page
-- of the hazard list reads one row per hazard. Looked up per row, the name cost ~20 % of the
-- database's work for a county's page (20 index lookups, each through the enterprises row-level
-- policy: ~380 → ~300 µs of backend CPU per page, measured on the 1,000,000-hazard benchmark).
-- The enterprise stays the source of truth: a rename reaches its hazards in the same
-- transaction. Visibility is unchanged: a hazard is in a scope exactly when its enterprise is
-- (same region, industry and enterprise rule).

ALTER TABLE hazards ADD COLUMN enterprise_name text;
UPDATE hazards h SET enterprise_name = e.name FROM enterprises e WHERE e.id = h.enterprise_id;
ALTER TABLE hazards ALTER COLUMN enterprise_name SET NOT NULL;

CREATE OR REPLACE FUNCTION hazards_copy_enterprise() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT e.region_code, left(e.region_code, 6), e.industry_code, e.name
    INTO NEW.region_code, NEW.county_code, NEW.industry_code, NEW.enterprise_name
    FROM enterprises e WHERE e.id = NEW.enterprise_id;
  RETURN NEW;
END $$;

-- Its own trigger rather than a wider enterprises_move_hazards: a rename changes no count key,
-- and leaves the place columns (and the count trigger's work) alone.
CREATE FUNCTION enterprises_rename_hazards() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE hazards SET enterprise_name = NEW.name WHERE enterprise_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprises_rename_hazards AFTER UPDATE OF name ON enterprises
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION enterprises_rename_hazards();
