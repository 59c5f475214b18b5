-- Gateway credentials (数据接入凭证): what an enterprise's data gateway (or a third-party IoT
-- platform forwarding for many enterprises) presents to the embedded MQTT broker. Without them
-- anyone who can reach port 1883 could publish readings, and raise or silence alarms, for any
-- enterprise. A credential holds for one enterprise, or for every enterprise in a region (only
-- a platform admin issues those). The secret is random (192 bits), shown once, stored as its
-- SHA-256: a high-entropy token needs no slow hash.
CREATE TABLE gateway_credentials (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  enterprise_id   uuid REFERENCES enterprises (id) ON DELETE CASCADE,
  -- The enterprise's region (kept by triggers, as for sensors), or the region a regional credential covers.
  region_code     text COLLATE "C" NOT NULL DEFAULT '',
  secret_sha256   text NOT NULL,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  revoked_by      uuid REFERENCES users (id),
  last_used_at    timestamptz
);
CREATE INDEX gateway_credentials_enterprise_idx ON gateway_credentials (enterprise_id);
CREATE INDEX gateway_credentials_region_idx ON gateway_credentials (region_code);

CREATE FUNCTION gateway_credentials_copy_enterprise() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.enterprise_id IS NOT NULL THEN
    SELECT e.region_code INTO NEW.region_code FROM enterprises e WHERE e.id = NEW.enterprise_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER gateway_credentials_copy_enterprise BEFORE INSERT OR UPDATE OF enterprise_id ON gateway_credentials
  FOR EACH ROW EXECUTE FUNCTION gateway_credentials_copy_enterprise();
CREATE FUNCTION enterprises_move_gateway_credentials() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE gateway_credentials SET region_code = NEW.region_code WHERE enterprise_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprises_move_gateway_credentials AFTER UPDATE OF region_code ON enterprises
  FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code)
  EXECUTE FUNCTION enterprises_move_gateway_credentials();

GRANT SELECT, INSERT, UPDATE ON gateway_credentials TO taishan_app;
ALTER TABLE gateway_credentials ENABLE ROW LEVEL SECURITY;
-- An enterprise account sees its own enterprise's credentials, never a regional one.
CREATE POLICY gateway_credentials_scope ON gateway_credentials TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
         AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
         AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
              OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
