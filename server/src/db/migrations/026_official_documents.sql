-- Official documents (issue 23, items 9 and 10). Counters stay as they are (document_counters,
-- migration 018): their county_code now holds the ISSUER's key — a county's six digits as before
-- (hazards, dossiers), or an issuing department's id — so existing counters go on unchanged.
-- The issuing department's short name (简称) written into enforcement numbers: （宿城）应急责改〔2026〕12号.
ALTER TABLE departments ADD COLUMN short_name text;

-- A hazard dossier's official number, issued the first time the dossier is generated and kept.
ALTER TABLE hazards ADD COLUMN dossier_number text;
