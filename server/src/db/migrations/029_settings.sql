-- The settings registry's values (issue 23; domain/src/settings/registry.ts declares every setting,
-- its type, default and whether it is provisional). One row per setting and region: '00' is the
-- national value, a 2-digit code a province's override of a province-scoped setting. No row: the
-- national value, or the default, applies. `version` counts the row's edits for optimistic
-- concurrency (PUT with the version the editor saw; another is 409). Written by the settings
-- module's commands (audited); read by any module through effectiveSetting(q, key, regionCode),
-- also under the restricted role (settings are not scoped: a county reads its province's values).
CREATE TABLE settings (
  key         text NOT NULL,
  region_code text COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{2}$'),
  value       jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, region_code)
);
GRANT SELECT ON settings TO taishan_app;
