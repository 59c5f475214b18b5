-- The hazard list's total for supervisors of a whole county or more (the county's own, the city's,
-- the province's), counted without the township: the county supervisor's open list summed the
-- ~450 rows of hazard_area_counts of its county (18 townships × status, level, overdue, listed)
-- on every page turn, here ~30. Through PostgreSQL alone (pgbench, 50 clients, prepared, in the
-- county's role) the status=open page went from 7,000–7,900 to 9,600–12,000 a second on the
-- 1,000,000-hazard benchmark. Township supervisors, and lists filtered to a township, still sum
-- hazard_area_counts; the dashboard, by township, too.

CREATE TABLE hazard_county_counts (
  county_code   text COLLATE "C" NOT NULL,
  status        text NOT NULL,
  level         text NOT NULL,
  overdue       boolean NOT NULL,
  listed        boolean NOT NULL,
  n             integer NOT NULL,
  PRIMARY KEY (county_code, status, level, overdue, listed)
) WITH (fillfactor = 50);
-- n is in no index: its updates stay on their page (HOT), which the fill factor leaves room for.
ALTER TABLE hazard_county_counts SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 500);

CREATE FUNCTION hazard_county_counts_add(c text, s text, l text, o boolean, li boolean, d integer)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO hazard_county_counts (county_code, status, level, overdue, listed, n)
  VALUES (c, s, l, o, li, d)
  ON CONFLICT (county_code, status, level, overdue, listed) DO UPDATE SET n = hazard_county_counts.n + d;
$$;

-- The three tables as in migrations 006 and 014: the old key off and the new one on, in key order,
-- every transaction taking hazard_counts rows first, then hazard_area_counts, then these.
CREATE OR REPLACE FUNCTION hazards_count() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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

  -- The same without the industry (unchanged when only the industry moved).
  IF TG_OP <> 'INSERT' THEN
    old_key := concat_ws('|', OLD.county_code, OLD.region_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_key := concat_ws('|', NEW.county_code, NEW.region_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL);
  END IF;
  IF old_key IS NOT DISTINCT FROM new_key THEN
    RETURN NULL;
  END IF;
  IF new_key IS NULL OR (old_key IS NOT NULL AND old_key < new_key) THEN
    PERFORM hazard_area_counts_add(OLD.county_code, OLD.region_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    IF new_key IS NOT NULL THEN
      PERFORM hazard_area_counts_add(NEW.county_code, NEW.region_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    END IF;
  ELSE
    PERFORM hazard_area_counts_add(NEW.county_code, NEW.region_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    IF old_key IS NOT NULL THEN
      PERFORM hazard_area_counts_add(OLD.county_code, OLD.region_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    END IF;
  END IF;
  -- The same for the whole county (unchanged when only the township moved).
  IF TG_OP <> 'INSERT' THEN
    old_key := concat_ws('|', OLD.county_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_key := concat_ws('|', NEW.county_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL);
  END IF;
  IF old_key IS NOT DISTINCT FROM new_key THEN
    RETURN NULL;
  END IF;
  IF new_key IS NULL OR (old_key IS NOT NULL AND old_key < new_key) THEN
    PERFORM hazard_county_counts_add(OLD.county_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    IF new_key IS NOT NULL THEN
      PERFORM hazard_county_counts_add(NEW.county_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    END IF;
  ELSE
    PERFORM hazard_county_counts_add(NEW.county_code, NEW.status, NEW.level, NEW.overdue, NEW.listed_tier IS NOT NULL, 1);
    IF old_key IS NOT NULL THEN
      PERFORM hazard_county_counts_add(OLD.county_code, OLD.status, OLD.level, OLD.overdue, OLD.listed_tier IS NOT NULL, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- Recount all three from scratch (after a bulk load that bypassed the trigger, or to check it).
CREATE OR REPLACE FUNCTION rebuild_hazard_counts() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM hazard_counts;
  INSERT INTO hazard_counts (county_code, region_code, industry, status, level, overdue, listed, n)
  SELECT county_code, region_code, left(industry_code, 2), status, level, overdue, listed_tier IS NOT NULL, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6, 7;
  DELETE FROM hazard_area_counts;
  INSERT INTO hazard_area_counts (county_code, region_code, status, level, overdue, listed, n)
  SELECT county_code, region_code, status, level, overdue, listed_tier IS NOT NULL, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6;
  DELETE FROM hazard_county_counts;
  INSERT INTO hazard_county_counts (county_code, status, level, overdue, listed, n)
  SELECT county_code, status, level, overdue, listed, sum(n)
  FROM hazard_area_counts GROUP BY 1, 2, 3, 4, 5;
$$;
-- From the township counts the trigger kept (a few thousand rows), not the hazards.
INSERT INTO hazard_county_counts (county_code, status, level, overdue, listed, n)
SELECT county_code, status, level, overdue, listed, sum(n) FROM hazard_area_counts GROUP BY 1, 2, 3, 4, 5;

GRANT SELECT ON hazard_county_counts TO taishan_app;
ALTER TABLE hazard_county_counts ENABLE ROW LEVEL SECURITY;
-- Whole counties within the caller's area only: a township's prefix (9 digits) is longer than any
-- county code, so a township supervisor sees none; accounts of one enterprise or of some
-- industries none either, as in migration 014.
CREATE POLICY hazard_county_counts_scope ON hazard_county_counts TO taishan_app
  USING (CASE WHEN
    county_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND county_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = '')
    AND (SELECT current_setting('taishan.industries', true) = '*')
    THEN true ELSE false END);
