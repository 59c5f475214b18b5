-- Region risk levels (风险等级, issue 28; owner: levels). Rules: domain/src/public-health/levels-rules.ts.
-- A proposal is computed by the system over ph_cases; a level row is confirmed by the responsible
-- level (the county its townships, the city its counties) and effective from a time, with its
-- announcement. The current level of a region is its latest row with effective_from <= now; a region
-- without a row is low. Nothing here names a person.
CREATE TABLE ph_level_proposals (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code    text COLLATE "C" NOT NULL REFERENCES regions (code),
  current_level  text NOT NULL CHECK (current_level IN ('low', 'medium', 'high')),
  proposed_level text NOT NULL CHECK (proposed_level IN ('low', 'medium', 'high')),
  rule_set       text NOT NULL,
  reasons        jsonb NOT NULL,
  facts          jsonb NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'superseded')),
  proposed_at    timestamptz NOT NULL,
  decided_by     uuid REFERENCES users (id),
  decided_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ph_level_proposals_pending_idx ON ph_level_proposals (region_code) WHERE status = 'pending';
CREATE INDEX ph_level_proposals_region_idx ON ph_level_proposals (region_code, proposed_at);

CREATE TABLE ph_region_levels (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  level               text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  previous_level      text CHECK (previous_level IN ('low', 'medium', 'high')),
  effective_from      timestamptz NOT NULL,
  effective_to        timestamptz,
  rule_set            text NOT NULL,
  proposal_id         uuid REFERENCES ph_level_proposals (id),
  confirmed_by        uuid REFERENCES users (id),
  reason              text,
  override            boolean NOT NULL DEFAULT false,
  announcement_number text,
  announcement_title  text,
  announcement_text   text,
  issuer              text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX ph_region_levels_region_idx ON ph_region_levels (region_code, effective_from DESC);

GRANT SELECT, INSERT, UPDATE ON ph_level_proposals, ph_region_levels TO taishan_app;

ALTER TABLE ph_level_proposals ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_level_proposals_all ON ph_level_proposals FOR ALL TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''))
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

ALTER TABLE ph_region_levels ENABLE ROW LEVEL SECURITY;
CREATE POLICY ph_region_levels_all ON ph_region_levels FOR ALL TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''))
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
