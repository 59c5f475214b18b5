-- 双随机 draws (issue 24 item 3): a draw freezes its object list (enterprises with class and
-- weight) and inspector list (certified officers with their conflicts of interest), publishes
-- their hashes and a commitment to them and a secret nonce, and at the announced time is
-- performed with a public value (domain/src/enforcement/draws.ts has the algorithm). What was
-- committed to can never change: a trigger refuses it, whoever asks.

CREATE TABLE enforcement_draws (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organ's region (12 digits: its county, or a city) and, for a department's draw, the
  -- department; `industry_divisions` the GB/T 4754 divisions the objects were limited to (a
  -- department inspector's draw; NULL: every industry), for the scope walls.
  region_code         text COLLATE "C" NOT NULL REFERENCES regions (code),
  department_id       uuid REFERENCES departments (id),
  industry_divisions  text[],
  title               text NOT NULL,
  -- The annual plan the draw serves (plans come with their part; no key yet).
  plan_id             uuid,
  filters             jsonb NOT NULL DEFAULT '{}',
  n                   integer NOT NULL CHECK (n > 0),
  class_weights       jsonb NOT NULL,
  -- 异地执法: officers of the other counties of the city may be drawn.
  allow_other_regions boolean NOT NULL DEFAULT false,
  -- The frozen lists: [{enterpriseId, enterpriseName, regionCode, class, weight}] and
  -- [{userId, name, regionCode, conflicts: [enterpriseId]}].
  objects             jsonb NOT NULL,
  inspectors          jsonb NOT NULL,
  objects_count       integer NOT NULL,
  inspectors_count    integer NOT NULL,
  objects_hash        text NOT NULL,
  inspectors_hash     text NOT NULL,
  algorithm           text NOT NULL,
  -- Secret until the draw is performed: never sent before (the store does not select it).
  server_nonce        text NOT NULL,
  commitment          text NOT NULL,
  committed_at        timestamptz NOT NULL DEFAULT now(),
  draw_at             timestamptz NOT NULL,
  -- Named at commitment (e.g. "上证指数 2026-12-07 收盘价"); the value itself is entered when performing.
  public_value_source text NOT NULL,
  public_value        text,
  seed                text,
  planned_on          date NOT NULL,
  status              text NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'drawn', 'cancelled')),
  performed_at        timestamptz,
  performed_by        uuid REFERENCES users (id),
  cancelled_at        timestamptz,
  cancel_reason       text,
  created_by          uuid REFERENCES users (id),
  version             integer NOT NULL DEFAULT 1,
  CHECK (draw_at > committed_at),
  CHECK ((status = 'drawn') = (public_value IS NOT NULL AND seed IS NOT NULL AND performed_at IS NOT NULL))
);
CREATE INDEX enforcement_draws_region_idx ON enforcement_draws (region_code, committed_at DESC);

-- One drawn enterprise with its two officers, by rank (the order of the draw).
CREATE TABLE enforcement_draw_picks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  draw_id         uuid NOT NULL REFERENCES enforcement_draws (id),
  rank            integer NOT NULL CHECK (rank > 0),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  officer_ids     uuid[] NOT NULL CHECK (cardinality(officer_ids) = 2),
  inspection_id   uuid REFERENCES enforcement_inspections (id),
  UNIQUE (draw_id, rank),
  UNIQUE (draw_id, enterprise_id)
);
CREATE INDEX enforcement_draw_picks_inspection_idx ON enforcement_draw_picks (inspection_id);

ALTER TABLE enforcement_inspections ADD CONSTRAINT enforcement_inspections_draw_pick_fk
  FOREIGN KEY (draw_pick_id) REFERENCES enforcement_draw_picks (id);
CREATE INDEX enforcement_inspections_draw_pick_idx ON enforcement_inspections (draw_pick_id) WHERE draw_pick_id IS NOT NULL;

-- What was committed to never changes, and a performed or cancelled draw is final: the operator
-- cannot steer a draw by editing its lists, its nonce, its time or its source afterwards.
CREATE FUNCTION enforcement_draws_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'enforcement draws are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.objects, NEW.inspectors, NEW.objects_hash, NEW.inspectors_hash, NEW.algorithm, NEW.server_nonce, NEW.commitment,
      NEW.committed_at, NEW.draw_at, NEW.n, NEW.class_weights, NEW.filters, NEW.allow_other_regions, NEW.public_value_source,
      NEW.region_code, NEW.department_id, NEW.industry_divisions, NEW.objects_count, NEW.inspectors_count, NEW.planned_on)
     IS DISTINCT FROM
     (OLD.objects, OLD.inspectors, OLD.objects_hash, OLD.inspectors_hash, OLD.algorithm, OLD.server_nonce, OLD.commitment,
      OLD.committed_at, OLD.draw_at, OLD.n, OLD.class_weights, OLD.filters, OLD.allow_other_regions, OLD.public_value_source,
      OLD.region_code, OLD.department_id, OLD.industry_divisions, OLD.objects_count, OLD.inspectors_count, OLD.planned_on) THEN
    RAISE EXCEPTION 'a committed draw''s lists and terms cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'committed' THEN
    RAISE EXCEPTION 'a % draw is final', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER enforcement_draws_frozen BEFORE UPDATE OR DELETE ON enforcement_draws
  FOR EACH ROW EXECUTE FUNCTION enforcement_draws_frozen();

-- A pick is as drawn; only its inspection is linked once (when it is created).
CREATE FUNCTION enforcement_draw_picks_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'draw picks are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.draw_id, NEW.rank, NEW.enterprise_id, NEW.officer_ids) IS DISTINCT FROM (OLD.draw_id, OLD.rank, OLD.enterprise_id, OLD.officer_ids)
     OR (OLD.inspection_id IS NOT NULL AND NEW.inspection_id IS DISTINCT FROM OLD.inspection_id) THEN
    RAISE EXCEPTION 'a draw pick cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER enforcement_draw_picks_frozen BEFORE UPDATE OR DELETE ON enforcement_draw_picks
  FOR EACH ROW EXECUTE FUNCTION enforcement_draw_picks_frozen();

-- The pool a draw's inspectors come from: active officers whose certificate is valid on `on_day`,
-- at home (their own region, else their department's) under `pool_prefix`. A county's draw with
-- 异地执法 reads its whole city, beyond its caller's scope (users' row-level security): so this runs
-- as the owner and returns only what a draw needs.
CREATE FUNCTION enforcement_draw_pool(pool_prefix text, on_day date)
  RETURNS TABLE (user_id uuid, name text, region_code text, department_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.display_name, coalesce(u.region_code, d.region_code)::text, u.department_id
    FROM enforcement_officers o
    JOIN users u ON u.id = o.user_id
    LEFT JOIN departments d ON d.id = u.department_id
   WHERE o.active AND NOT u.disabled
     AND (o.valid_until IS NULL OR o.valid_until >= on_day)
     AND u.role IN ('countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector')
     AND left(coalesce(u.region_code, d.region_code), length(pool_prefix)) = pool_prefix
$$;
GRANT EXECUTE ON FUNCTION enforcement_draw_pool(text, date) TO taishan_app;

GRANT SELECT, INSERT, UPDATE ON enforcement_draws, enforcement_draw_picks TO taishan_app;
GRANT INSERT, UPDATE ON enforcement_officers TO taishan_app;
GRANT INSERT ON officer_conflicts TO taishan_app;

-- Row-level security: the draw's region under the caller's prefix; no enterprise account; a
-- department inspector only a draw limited to industries of theirs.
ALTER TABLE enforcement_draws ENABLE ROW LEVEL SECURITY;
ALTER TABLE enforcement_draw_picks ENABLE ROW LEVEL SECURITY;
CREATE POLICY enforcement_draws_scope ON enforcement_draws TO taishan_app
  USING (CASE WHEN
    region_code >= current_setting('taishan.region_prefix', true)
    AND region_code < current_setting('taishan.region_prefix', true) || '~'
    AND current_setting('taishan.enterprise_id', true) = ''
    AND (current_setting('taishan.industries', true) = '*'
         OR (industry_divisions IS NOT NULL
             AND industry_divisions <@ string_to_array(current_setting('taishan.industries', true), ',')))
    THEN true ELSE false END);
CREATE POLICY enforcement_draw_picks_scope ON enforcement_draw_picks TO taishan_app
  USING (EXISTS (SELECT 1 FROM enforcement_draws d WHERE d.id = draw_id));
