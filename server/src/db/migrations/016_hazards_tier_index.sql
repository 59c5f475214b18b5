-- Open hazards of a county by the tier that found them, in deadline order, for the list filtered
-- by tier (a county supervisor reviewing what the township patrols found, 四级排查). Through the
-- general open index a tier's page and its capped total skipped the other three tiers' hazards:
-- counting a county's first 1,001 patrol finds read ~3,250 index entries, and that one filter
-- cost twice any other (787 against ~1,480 list requests a second, bare, on the
-- 1,000,000-hazard benchmark). Through this index the count reads the 1,001 it counts and a page
-- the rows it shows: 1,160–1,290 a second. INCLUDE as in 013, so the count stays index-only.
-- ~67 MB per million hazards (about half of them open).
CREATE INDEX hazards_county_open_tier_idx ON hazards (county_code, found_tier, deadline, id)
  INCLUDE (region_code, enterprise_id, industry_code, status, level, overdue, listed_tier)
  WHERE status NOT IN ('closed', 'cancelled');
