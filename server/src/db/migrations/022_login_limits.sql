-- Lockouts and rate limits kept in the database, so that they hold across server processes
-- (issue 22, items 9 and 21). Nothing here is an address: `bucket` is a 16-bit keyed hash of the
-- caller's address (SOURCE_BUCKET_KEY), shared by many addresses, and `account` a keyed hash of
-- the name typed at login, which may or may not be an account.

-- Failed logins per (account, source bucket): a lock holds for that pair only, so nobody can lock
-- another person out from elsewhere, and unknown names lock exactly like real ones.
CREATE TABLE login_failures (
  account      text NOT NULL,
  bucket       text NOT NULL,
  -- The account, when the name is one (for the admin's user list and unlock).
  user_id      uuid REFERENCES users (id) ON DELETE CASCADE,
  failures     integer NOT NULL,
  first_at     timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  PRIMARY KEY (account, bucket)
);
CREATE INDEX login_failures_user_idx ON login_failures (user_id) WHERE user_id IS NOT NULL;

-- Fixed-window counters for @fastify/rate-limit (key: what is limited and the source bucket).
CREATE TABLE rate_limits (
  key      text PRIMARY KEY,
  hits     integer NOT NULL,
  reset_at timestamptz NOT NULL
);

-- The key of the keyed hashes when SOURCE_BUCKET_KEY is not set: made once, shared by every process.
CREATE TABLE auth_settings (
  name  text PRIMARY KEY,
  value text NOT NULL
);

GRANT SELECT, DELETE ON login_failures TO taishan_app;
