-- 传染病报告卡 carry the reporting unit's name (issue 28, review fix). Read through a join, the name
-- came from enterprises under their row-level policy, which shows a county only its own units: a
-- card reported by a hospital in county A about a resident of county B was counted on county B's
-- desk but missing from its list, and its detail and actions were 404 — the residence county's CDC
-- could never review it. The card states the unit that reported it, as the paper card does, so the
-- name is copied when the card is written (a later rename of the hospital does not rewrite it).
-- Owner: cases.

ALTER TABLE ph_cases ADD COLUMN facility_name text;
UPDATE ph_cases c SET facility_name = e.name FROM enterprises e WHERE e.id = c.facility_id;

CREATE FUNCTION ph_cases_copy_facility() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT e.name INTO NEW.facility_name FROM enterprises e WHERE e.id = NEW.facility_id;
  RETURN NEW;
END $$;
CREATE TRIGGER ph_cases_copy_facility BEFORE INSERT ON ph_cases
  FOR EACH ROW EXECUTE FUNCTION ph_cases_copy_facility();
ALTER TABLE ph_cases ALTER COLUMN facility_name SET NOT NULL;
