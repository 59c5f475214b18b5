-- Foundation: places, departments, people, sessions, the enterprise directory and the audit chain.
-- Region codes are 12-digit statistical codes in the "C" collation so that a jurisdiction
-- prefix (region_code LIKE '320582%') is an index range scan.

CREATE TABLE regions (
  code        text COLLATE "C" PRIMARY KEY CHECK (code ~ '^\d{12}$'),
  parent_code text COLLATE "C" REFERENCES regions (code),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
  prefix      text COLLATE "C" NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code, code);

CREATE TABLE departments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- GB/T 4754 division codes this department supervises (三管三必须).
  industries  text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);

CREATE TABLE enterprises (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code          text NOT NULL UNIQUE,
  credit_code_warning  boolean NOT NULL DEFAULT false,
  name                 text NOT NULL,
  address              text,
  region_code          text COLLATE "C" NOT NULL REFERENCES regions (code),
  industry_code        text NOT NULL,
  employees            integer CHECK (employees >= 0),
  revenue_wan          double precision CHECK (revenue_wan >= 0),
  high_risk            text[] NOT NULL DEFAULT '{}',
  legal_representative text,
  safety_director      text,
  contact_phone        text,
  lacks_safety_director boolean NOT NULL DEFAULT false,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_region_name_idx ON enterprises (region_code, name);
CREATE INDEX enterprises_industry_idx ON enterprises (industry_code);
CREATE INDEX enterprises_high_risk_idx ON enterprises USING gin (high_risk);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  password_hash   text NOT NULL,
  role            text NOT NULL,
  -- Home region; NULL only for platform admins, whose scope is the whole country.
  region_code     text COLLATE "C" REFERENCES regions (code),
  department_id   uuid REFERENCES departments (id),
  enterprise_id   uuid REFERENCES enterprises (id),
  disabled        boolean NOT NULL DEFAULT false,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_region_idx ON users (region_code);

CREATE TABLE sessions (
  -- sha256 of the cookie value: a database dump does not yield usable sessions.
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical(event)).
CREATE TABLE audit_events (
  seq         bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  region_code text COLLATE "C",
  before      jsonb,
  after       jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_entity_idx ON audit_events (entity_type, entity_id);

-- The chain's head, so that deleting the newest events is detected too.
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Second wall: request handlers run as taishan_app with their scope in transaction settings;
-- row-level security hides and refuses every row outside it even if a query forgets its filter.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taishan_app') THEN
    CREATE ROLE taishan_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT taishan_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'could not create or grant taishan_app; row-level security needs it';
END
$$;

GRANT SELECT ON regions TO taishan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON enterprises, departments, users TO taishan_app;
GRANT SELECT, INSERT ON audit_events TO taishan_app;
GRANT SELECT, UPDATE ON audit_head TO taishan_app;
GRANT SELECT, DELETE ON sessions TO taishan_app;

ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
ALTER TABLE departments ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;

-- The region condition is written as a range, not LIKE, so that it is an index condition on
-- region_code (a LIKE with a non-constant pattern is not). Codes are digits, so every code with
-- prefix p lies in [p, p || '~'). An unset prefix is NULL and matches nothing: fail closed.
CREATE POLICY enterprises_scope ON enterprises TO taishan_app
  USING (
    region_code >= current_setting('taishan.region_prefix', true)
    AND region_code < current_setting('taishan.region_prefix', true) || '~'
    AND (current_setting('taishan.enterprise_id', true) = '' OR id::text = current_setting('taishan.enterprise_id', true))
    AND (current_setting('taishan.industries', true) = '*'
         OR left(industry_code, 2) = ANY (string_to_array(current_setting('taishan.industries', true), ',')))
  );

CREATE POLICY departments_scope ON departments TO taishan_app
  USING (region_code >= current_setting('taishan.region_prefix', true)
         AND region_code < current_setting('taishan.region_prefix', true) || '~');

CREATE POLICY users_scope ON users TO taishan_app
  USING (coalesce(region_code, '') >= current_setting('taishan.region_prefix', true)
         AND coalesce(region_code, '') < current_setting('taishan.region_prefix', true) || '~');

-- Credit codes are unique nationally; a scoped caller must learn of a clash without seeing the
-- other record. Runs as the owner (SECURITY DEFINER) and returns only a boolean.
CREATE FUNCTION credit_code_taken(code text, except_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM enterprises WHERE credit_code = code AND (except_id IS NULL OR id <> except_id))
$$;
GRANT EXECUTE ON FUNCTION credit_code_taken(text, uuid) TO taishan_app;
