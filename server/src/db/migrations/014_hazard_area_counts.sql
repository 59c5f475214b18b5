-- The dashboard counts again without the industry division, for the supervisors whose scope is
-- not limited to industries (nearly all). A county's dashboard summed ~2,000 rows of
-- hazard_counts (its townships × 15 industry divisions × status, level, overdue, listed) on the
-- 1,000,000-hazard benchmark, 3.4 ms a request; here it sums ~450. Supervisors limited to some
-- industries still read hazard_counts, which keeps the division.

CREATE TABLE hazard_area_counts (
  county_code   text COLLATE "C" NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  status        text NOT NULL,
  level         text NOT NULL,
  overdue       boolean NOT NULL,
  listed        boolean NOT NULL,
  n             integer NOT NULL,
  PRIMARY KEY (county_code, region_code, status, level, overdue, listed)
);

-- A county's rows read from the index alone, for the dashboard and the list's exact total
-- (routes.ts): through the primary key, its ~450 rows lay on ~250 heap pages (0.47 ms), from
-- this index 0.09 ms. Changing n is then no longer a HOT update (n is in an index), one more index
-- entry per hazard change; and the table is vacuumed often, so the index stays readable alone.
CREATE INDEX hazard_area_counts_county_idx ON hazard_area_counts (county_code, region_code)
  INCLUDE (status, level, overdue, listed, n);
ALTER TABLE hazard_area_counts SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 500);

CREATE FUNCTION hazard_area_counts_add(c text, r text, s text, l text, o boolean, li boolean, d integer)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO hazard_area_counts (county_code, region_code, status, level, overdue, listed, n)
  VALUES (c, r, s, l, o, li, d)
  ON CONFLICT (county_code, region_code, status, level, overdue, listed) DO UPDATE SET n = hazard_area_counts.n + d;
$$;

-- Both tables, each in the same way as migration 006: the old key off and the new one on, in key
-- order, so two transactions moving hazards between the same keys in opposite directions cannot
-- deadlock (every transaction takes hazard_counts rows first, then hazard_area_counts rows).
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
  RETURN NULL;
END $$;

-- Recount both from scratch (after a bulk load that bypassed the trigger, or to check it).
CREATE OR REPLACE FUNCTION rebuild_hazard_counts() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM hazard_counts;
  INSERT INTO hazard_counts (county_code, region_code, industry, status, level, overdue, listed, n)
  SELECT county_code, region_code, left(industry_code, 2), status, level, overdue, listed_tier IS NOT NULL, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6, 7;
  DELETE FROM hazard_area_counts;
  INSERT INTO hazard_area_counts (county_code, region_code, status, level, overdue, listed, n)
  SELECT county_code, region_code, status, level, overdue, listed_tier IS NOT NULL, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6;
$$;
SELECT rebuild_hazard_counts();

GRANT SELECT ON hazard_area_counts TO taishan_app;
ALTER TABLE hazard_area_counts ENABLE ROW LEVEL SECURITY;
-- Area supervisors not limited to industries only: an account scoped to one enterprise, or to
-- some industries, sees none (the first counts its own hazards, the second reads hazard_counts).
-- Settings read once per statement (migration 011); CASE as in migration 004.
CREATE POLICY hazard_area_counts_scope ON hazard_area_counts TO taishan_app
  USING (CASE WHEN
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = '')
    AND (SELECT current_setting('taishan.industries', true) = '*')
    THEN true ELSE false END);
