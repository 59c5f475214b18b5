-- Dashboard counts kept as they change: one row per (place, industry division, status, level,
-- overdue, listed) with its number of hazards, maintained by a trigger on hazards. A county's
-- dashboard then sums a few hundred rows instead of reading its tens of thousands of hazards.
-- Enterprise accounts (whose scope is one enterprise) still count their own hazards directly.

CREATE TABLE hazard_counts (
  county_code   text COLLATE "C" NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  industry      text COLLATE "C" NOT NULL,
  status        text NOT NULL,
  level         text NOT NULL,
  overdue       boolean NOT NULL,
  listed        boolean NOT NULL,
  n             integer NOT NULL,
  PRIMARY KEY (county_code, region_code, industry, status, level, overdue, listed)
);

CREATE FUNCTION hazard_counts_add(c text, r text, i text, s text, l text, o boolean, li boolean, d integer)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO hazard_counts (county_code, region_code, industry, status, level, overdue, listed, n)
  VALUES (c, r, i, s, l, o, li, d)
  ON CONFLICT (county_code, region_code, industry, status, level, overdue, listed) DO UPDATE SET n = hazard_counts.n + d;
$$;

-- The old key is taken off and the new one added in a fixed order (by key), so two transactions
-- moving hazards between the same two keys in opposite directions cannot deadlock.
CREATE FUNCTION hazards_count() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  old_key text;
  new_key text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_key := concat_ws('|', OLD.county_code, OLD.region_code, left(OLD.industry_code, 2), OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_key := concat_ws('|', NEW.county_code, NEW.region_code, left(NEW.industry_code, 2), NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL);
  END IF;
  IF old_key IS NOT DISTINCT FROM new_key THEN
    RETURN NULL;
  END IF;
  IF new_key IS NULL OR (old_key IS NOT NULL AND old_key < new_key) THEN
    PERFORM hazard_counts_add(OLD.county_code, OLD.region_code, left(OLD.industry_code, 2), OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    IF new_key IS NOT NULL THEN
      PERFORM hazard_counts_add(NEW.county_code, NEW.region_code, left(NEW.industry_code, 2), NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    END IF;
  ELSE
    PERFORM hazard_counts_add(NEW.county_code, NEW.region_code, left(NEW.industry_code, 2), NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    IF old_key IS NOT NULL THEN
      PERFORM hazard_counts_add(OLD.county_code, OLD.region_code, left(OLD.industry_code, 2), OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER hazards_count AFTER INSERT OR UPDATE OR DELETE ON hazards FOR EACH ROW EXECUTE FUNCTION hazards_count();

-- Recount from scratch (after a bulk load that bypassed the trigger, or to check it).
CREATE FUNCTION rebuild_hazard_counts() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM hazard_counts;
  INSERT INTO hazard_counts (county_code, region_code, industry, status, level, overdue, listed, n)
  SELECT county_code, region_code, left(industry_code, 2), status, level, overdue, listed_tier IS NOT NULL, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6, 7;
$$;
SELECT rebuild_hazard_counts();

GRANT SELECT ON hazard_counts TO taishan_app;
ALTER TABLE hazard_counts ENABLE ROW LEVEL SECURITY;
-- Counts are for area supervisors: the same region and industry rule as hazards; an account
-- scoped to one enterprise sees none (it counts its own hazards directly).
CREATE POLICY hazard_counts_scope ON hazard_counts TO taishan_app
  USING (CASE WHEN
    region_code >= current_setting('taishan.region_prefix', true)
    AND region_code < current_setting('taishan.region_prefix', true) || '~'
    AND current_setting('taishan.enterprise_id', true) = ''
    AND (current_setting('taishan.industries', true) = '*'
         OR industry = ANY (string_to_array(current_setting('taishan.industries', true), ',')))
    THEN true ELSE false END);
