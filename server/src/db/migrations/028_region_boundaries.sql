-- District boundaries the map draws (issue 23, item 11): per region, its child regions as one
-- GeoJSON FeatureCollection (each feature's properties.code a child's region code), as an admin
-- or the province's supervisor uploaded it (PUT /api/v1/regions/:code/boundaries, validated by
-- domain/src/regions/boundaries.ts). The demo city's districts are bundled with the server
-- (server/src/modules/regions/boundaries/321300.geojson) and served while no row exists for it.
-- Boundaries are public geography: not scoped by row-level security.
CREATE TABLE region_boundaries (
  region_code text PRIMARY KEY REFERENCES regions (code),
  features    jsonb NOT NULL,
  -- Where the lines come from (publisher, licence, 审图号 of the base map when it has one).
  source      text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON region_boundaries TO taishan_app;
