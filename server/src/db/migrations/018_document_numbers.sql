-- Document numbers (文号) per county and year, first for hazards: 宿城区〔2026〕隐患第 0123 号.
-- One counter per (kind, county, year), taken in the transaction that creates the document, so
-- concurrent creations in one county wait on the counter's row and get distinct, consecutive
-- numbers, and a creation that rolls back gives its number back. Enforcement and accident
-- documents will take theirs from the same table under their own kind.
CREATE TABLE document_counters (
  kind        text NOT NULL,
  county_code text COLLATE "C" NOT NULL,
  year        integer NOT NULL,
  last        integer NOT NULL CHECK (last > 0),
  PRIMARY KEY (kind, county_code, year)
);

-- The only way to a counter: as the owner, so a scoped caller numbers a document of its county
-- without reading or writing counters (a township's scope does not hold its county's code).
CREATE FUNCTION next_document_number(k text, county text, y integer) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO document_counters (kind, county_code, year, last) VALUES (k, county, y, 1)
  ON CONFLICT (kind, county_code, year) DO UPDATE SET last = document_counters.last + 1
  RETURNING last;
$$;
REVOKE ALL ON FUNCTION next_document_number(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION next_document_number(text, text, integer) TO taishan_app;

-- A hazard's number as written when it was created (a number once given does not change, also
-- when its enterprise later moves county).
ALTER TABLE hazards ADD COLUMN number text;

-- Existing hazards, numbered in the order they were registered within their county and Beijing
-- year, in the default pattern ({county}〔{year}〕隐患第 {serial:4} 号); the counters go on from there.
WITH numbered AS (
  SELECT h.id, h.county_code, y.year,
         row_number() OVER (PARTITION BY h.county_code, y.year ORDER BY h.created_at, h.id) AS serial
  FROM hazards h CROSS JOIN LATERAL (SELECT extract(year FROM h.created_at AT TIME ZONE 'Asia/Shanghai')::integer AS year) y
)
UPDATE hazards h
SET number = coalesce(county.name, city.name, n.county_code) || '〔' || n.year || '〕隐患第 '
             || lpad(n.serial::text, greatest(4, length(n.serial::text)), '0') || ' 号'
FROM numbered n
  LEFT JOIN regions county ON county.code = n.county_code || '000000'
  LEFT JOIN regions city ON city.code = left(n.county_code, 4) || '00000000'
WHERE h.id = n.id;

INSERT INTO document_counters (kind, county_code, year, last)
SELECT 'hazard', county_code, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::integer, count(*)
FROM hazards GROUP BY 2, 3;

-- The photos uploaded to an inspection: its results may reference these only (any stored photo's
-- key could be written into them before). Existing inspections: the photos their results hold.
ALTER TABLE inspections ADD COLUMN uploaded_photos jsonb NOT NULL DEFAULT '[]';
UPDATE inspections i SET uploaded_photos = (
  SELECT coalesce(jsonb_agg(DISTINCT p.key), '[]')
  FROM jsonb_array_elements(i.results) r, jsonb_array_elements_text(coalesce(r.value -> 'photos', '[]')) AS p(key))
WHERE i.results <> '[]';

-- Escalations wrote the tier's code into their reason (逾期未整改，升级至city); they now write its
-- level (升级至市级), and so do the ones recorded before.
UPDATE hazard_transitions
SET reason = replace(replace(replace(replace(reason,
      '升级至patrol', '升级至镇（街道）级'), '升级至county', '升级至县级'), '升级至city', '升级至市级'), '升级至province', '升级至省级')
WHERE action = 'escalate' AND reason ~ '升级至(patrol|county|city|province)';
