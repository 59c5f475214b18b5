-- 应急物资 (issue 27, owner: supplies): the GB/T 38565-2020 category tree, the item catalogue,
-- warehouses (government reserves at each level, enterprise stocks, social stocks), stock by batch
-- and the append-only ledger. Rules are domain/src/emergency/supplies-*.ts; the writes are
-- server/src/modules/emergency/supplies-ledger.ts (postMovement) and supplies-store.ts.
--
-- Ledger invariants, held by the database itself (not only by the server):
--  * supply_movements is append-only: no UPDATE or DELETE (trigger, and not granted to taishan_app);
--  * a movement's insert locks its batch row (supply_stock FOR UPDATE, so concurrent movements on
--    one batch serialise), adds its delta, refuses a negative result, and writes the resulting
--    batch balance into the movement and the batch: supply_stock.quantity = the sum of the batch's
--    movements, always, and never below zero (CHECK);
--  * taishan_app cannot write supply_stock.quantity directly (column grants): only a movement moves it.
--
-- Scope (RLS): a jurisdiction reads and writes the warehouses inside its region prefix; it also
-- READS the government reserves of the levels above it (a county sees the city's and the
-- province's reserve, to ask for them) but cannot move them (dispatch moves them with the owning
-- level's approval); an enterprise account sees and moves only its own enterprise's stock.

CREATE TABLE supply_categories (
  code        text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[1-3]((0[1-9]|[1-9][0-9]){0,3})$'),
  parent_code text COLLATE "C" REFERENCES supply_categories (code),
  level       smallint NOT NULL GENERATED ALWAYS AS ((length(code) + 1) / 2) STORED,
  name_zh     text NOT NULL,
  name_en     text NOT NULL DEFAULT '',
  -- The standard's lower-level table was not available (STANDARDS-NEXT §9 item 7): seeded
  -- sub-categories are provisional until the province confirms them.
  provisional boolean NOT NULL DEFAULT false,
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((length(code) = 1 AND parent_code IS NULL) OR (length(code) > 1 AND parent_code = left(code, length(code) - 2)))
);
CREATE INDEX supply_categories_parent_idx ON supply_categories (parent_code, code);

-- The standard's three classes and the seeded sub-categories (PROVISIONAL: the lower-level code
-- table of GB/T 38565-2020 was not available; domain/src/emergency/supplies-categories.ts is the list).
INSERT INTO supply_categories (code, parent_code, name_zh, name_en, provisional) VALUES
  ('1', NULL, '基本生活保障物资', 'Basic living supplies', false),
  ('2', NULL, '应急装备及配套物资', 'Emergency equipment and accessories', false),
  ('3', NULL, '工程材料与机械加工设备', 'Engineering materials and machinery', false),
  ('101', '1', '生活类物资', 'Living supplies', true),
  ('102', '1', '医疗卫生及防疫物资', 'Medical and epidemic-prevention supplies', true),
  ('199', '1', '其他基本生活保障物资', 'Other basic living supplies', true),
  ('201', '2', '个体防护装备', 'Personal protective equipment', true),
  ('202', '2', '抢险救援装备', 'Rescue equipment', true),
  ('203', '2', '通信与监测装备', 'Communication and monitoring', true),
  ('299', '2', '其他应急装备及配套物资', 'Other emergency equipment', true),
  ('301', '3', '防汛抗旱物资', 'Flood and drought materials', true),
  ('302', '3', '工程机械', 'Construction machinery', true),
  ('399', '3', '其他工程材料与机械加工设备', 'Other engineering materials and machinery', true),
  ('10101', '101', '帐篷类', 'Tents', true),
  ('10102', '101', '被服类', 'Bedding and clothing', true),
  ('10103', '101', '饮食类', 'Food and water', true),
  ('10201', '102', '防护用品', 'Protective articles', true),
  ('10202', '102', '消杀用品', 'Disinfection', true),
  ('10203', '102', '急救药械', 'First aid', true),
  ('20101', '201', '头部防护', 'Head protection', true),
  ('20102', '201', '呼吸防护', 'Respiratory protection', true),
  ('20103', '201', '躯体防护', 'Body protection', true),
  ('20201', '202', '破拆装备', 'Breaking and cutting', true),
  ('20202', '202', '排水装备', 'Drainage', true),
  ('20203', '202', '照明装备', 'Lighting', true),
  ('20204', '202', '发电装备', 'Power generation', true),
  ('20301', '203', '应急通信', 'Emergency communication', true),
  ('20302', '203', '监测检测', 'Monitoring and detection', true),
  ('30101', '301', '防汛袋料', 'Flood bags', true),
  ('30102', '301', '土工材料', 'Geotextiles', true),
  ('30201', '302', '挖掘装载机械', 'Excavating and loading', true),
  ('1010101', '10101', '单帐篷', 'Single-layer tent', true),
  ('1010102', '10101', '棉帐篷', 'Insulated tent', true),
  ('1010199', '10101', '其他帐篷', 'Other tents', true),
  ('1010201', '10102', '棉被', 'Quilt', true),
  ('1010202', '10102', '棉大衣', 'Padded coat', true),
  ('1010203', '10102', '折叠床', 'Folding bed', true),
  ('1010301', '10103', '饮用水', 'Drinking water', true),
  ('1010302', '10103', '方便食品', 'Ready-to-eat food', true),
  ('1020101', '10201', '医用防护口罩', 'Medical respirator', true),
  ('1020102', '10201', '医用防护服', 'Medical protective suit', true),
  ('1020103', '10201', '护目镜及防护面屏', 'Goggles and face shields', true),
  ('1020104', '10201', '医用手套', 'Medical gloves', true),
  ('1020201', '10202', '消毒液', 'Disinfectant', true),
  ('1020202', '10202', '消毒喷雾器', 'Disinfection sprayer', true),
  ('1020301', '10203', '急救包', 'First-aid kit', true),
  ('1020302', '10203', '担架', 'Stretcher', true),
  ('2010101', '20101', '安全帽', 'Safety helmet', true),
  ('2010201', '20102', '正压式空气呼吸器', 'Self-contained breathing apparatus', true),
  ('2010202', '20102', '过滤式防毒面具', 'Filter gas mask', true),
  ('2010301', '20103', '化学防护服', 'Chemical protective suit', true),
  ('2010302', '20103', '救生衣', 'Life jacket', true),
  ('2020101', '20201', '液压破拆工具组', 'Hydraulic rescue tool set', true),
  ('2020201', '20202', '排水泵', 'Drainage pump', true),
  ('2020301', '20203', '移动照明灯塔', 'Mobile lighting tower', true),
  ('2020401', '20204', '发电机组', 'Generator set', true),
  ('2030101', '20301', '卫星电话', 'Satellite phone', true),
  ('2030201', '20302', '便携式气体检测仪', 'Portable gas detector', true),
  ('3010101', '30101', '编织袋', 'Woven bag', true),
  ('3010102', '30101', '吸水膨胀袋', 'Water-absorbing sandbag', true),
  ('3010201', '30102', '土工布', 'Geotextile cloth', true),
  ('3020101', '30201', '挖掘机', 'Excavator', true),
  ('3020102', '30201', '装载机', 'Loader', true);


CREATE TABLE supply_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code text COLLATE "C" NOT NULL REFERENCES supply_categories (code),
  code          text UNIQUE,
  name          text NOT NULL,
  spec          text NOT NULL DEFAULT '',
  -- The counting unit (顶, 件, 箱, 千克 …) and whether only whole units exist.
  unit          text NOT NULL,
  whole_units   boolean NOT NULL DEFAULT true,
  -- The pack: pack_size units make one pack_unit (e.g. 20 件 per 箱).
  pack_size     numeric CHECK (pack_size > 0),
  pack_unit     text,
  shelf_life_days integer CHECK (shelf_life_days > 0),
  note          text NOT NULL DEFAULT '',
  active        boolean NOT NULL DEFAULT true,
  created_by    uuid REFERENCES users (id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((pack_size IS NULL) = (pack_unit IS NULL))
);
CREATE INDEX supply_items_category_idx ON supply_items (category_code);

CREATE TABLE supply_warehouses (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('government', 'enterprise', 'social')),
  level          text CHECK (level IN ('province', 'city', 'county', 'township')),
  -- The owning jurisdiction (a government reserve: the code of its level; otherwise where it lies).
  region_code    text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- regions.prefix of region_code (set by trigger): "3213" for the city's reserve.
  owner_prefix   text COLLATE "C" NOT NULL DEFAULT '',
  enterprise_id  uuid REFERENCES enterprises (id),
  department_id  uuid REFERENCES departments (id),
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  lng            double precision CHECK (lng BETWEEN -180 AND 180),
  address        text NOT NULL DEFAULT '',
  contact_name   text NOT NULL DEFAULT '',
  contact_phone  text NOT NULL DEFAULT '',
  note           text NOT NULL DEFAULT '',
  active         boolean NOT NULL DEFAULT true,
  created_by     uuid REFERENCES users (id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'government') = (level IS NOT NULL)),
  CHECK ((kind = 'enterprise') = (enterprise_id IS NOT NULL))
);
CREATE INDEX supply_warehouses_region_idx ON supply_warehouses (region_code);
CREATE INDEX supply_warehouses_enterprise_idx ON supply_warehouses (enterprise_id) WHERE enterprise_id IS NOT NULL;

CREATE FUNCTION supply_warehouses_prefix() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.owner_prefix := coalesce((SELECT prefix FROM regions WHERE code = NEW.region_code), NEW.region_code);
  RETURN NEW;
END $$;
CREATE TRIGGER supply_warehouses_prefix BEFORE INSERT OR UPDATE OF region_code ON supply_warehouses
  FOR EACH ROW EXECUTE FUNCTION supply_warehouses_prefix();

-- One row per batch of an item in a warehouse. The scope columns are the warehouse's, copied (RLS
-- reads them without a join).
CREATE TABLE supply_stock (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warehouse_id  uuid NOT NULL REFERENCES supply_warehouses (id),
  item_id       uuid NOT NULL REFERENCES supply_items (id),
  batch_no      text NOT NULL DEFAULT '',
  expires_on    date,
  quantity      numeric NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  region_code   text COLLATE "C" NOT NULL DEFAULT '',
  owner_prefix  text COLLATE "C" NOT NULL DEFAULT '',
  kind          text NOT NULL DEFAULT '',
  enterprise_id uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (warehouse_id, item_id, batch_no)
);
CREATE INDEX supply_stock_item_idx ON supply_stock (item_id, warehouse_id);
CREATE INDEX supply_stock_region_idx ON supply_stock (region_code);
CREATE INDEX supply_stock_expiry_idx ON supply_stock (expires_on) WHERE quantity > 0 AND expires_on IS NOT NULL;

-- Reorder minimums per warehouse and item (inv_minimum).
CREATE TABLE supply_minimums (
  warehouse_id  uuid NOT NULL REFERENCES supply_warehouses (id),
  item_id       uuid NOT NULL REFERENCES supply_items (id),
  minimum       numeric NOT NULL CHECK (minimum >= 0),
  region_code   text COLLATE "C" NOT NULL DEFAULT '',
  owner_prefix  text COLLATE "C" NOT NULL DEFAULT '',
  kind          text NOT NULL DEFAULT '',
  enterprise_id uuid,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, item_id)
);

CREATE FUNCTION supply_copy_warehouse() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE w record;
BEGIN
  SELECT region_code, owner_prefix, kind, enterprise_id INTO w FROM supply_warehouses WHERE id = NEW.warehouse_id;
  IF FOUND THEN
    NEW.region_code := w.region_code;
    NEW.owner_prefix := w.owner_prefix;
    NEW.kind := w.kind;
    NEW.enterprise_id := w.enterprise_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER supply_stock_copy_warehouse BEFORE INSERT ON supply_stock
  FOR EACH ROW EXECUTE FUNCTION supply_copy_warehouse();
CREATE TRIGGER supply_minimums_copy_warehouse BEFORE INSERT ON supply_minimums
  FOR EACH ROW EXECUTE FUNCTION supply_copy_warehouse();

-- The ledger (台账): one row per movement of one batch, with its signed delta and the batch's
-- balance after it.
CREATE TABLE supply_movements (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stock_id      uuid NOT NULL REFERENCES supply_stock (id),
  warehouse_id  uuid NOT NULL REFERENCES supply_warehouses (id),
  item_id       uuid NOT NULL REFERENCES supply_items (id),
  kind          text NOT NULL CHECK (kind IN ('in', 'out', 'adjust', 'transferOut', 'transferIn')),
  delta         numeric NOT NULL CHECK (delta <> 0),
  balance       numeric NOT NULL DEFAULT 0 CHECK (balance >= 0),
  ref_type      text,
  ref_id        text,
  note          text NOT NULL DEFAULT '',
  actor_id      uuid REFERENCES users (id),
  actor_name    text,
  at            timestamptz NOT NULL DEFAULT now(),
  region_code   text COLLATE "C" NOT NULL DEFAULT '',
  owner_prefix  text COLLATE "C" NOT NULL DEFAULT '',
  stock_kind    text NOT NULL DEFAULT '',
  enterprise_id uuid,
  CHECK (kind = 'adjust' OR (kind IN ('in', 'transferIn')) = (delta > 0))
);
CREATE INDEX supply_movements_stock_idx ON supply_movements (stock_id, at);
CREATE INDEX supply_movements_warehouse_idx ON supply_movements (warehouse_id, at);
CREATE INDEX supply_movements_ref_idx ON supply_movements (ref_type, ref_id) WHERE ref_id IS NOT NULL;

-- The batch row is locked, the delta applied (never below zero), the balance recorded. SECURITY
-- DEFINER: taishan_app has no UPDATE on supply_stock.quantity, so only a movement moves stock; the
-- movement's own INSERT policy is the scope check.
CREATE FUNCTION supply_movements_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE s record; next_balance numeric;
BEGIN
  SELECT id, warehouse_id, item_id, quantity, region_code, owner_prefix, kind, enterprise_id INTO s
    FROM supply_stock WHERE id = NEW.stock_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'supply stock % not found', NEW.stock_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF s.warehouse_id <> NEW.warehouse_id OR s.item_id <> NEW.item_id THEN
    RAISE EXCEPTION 'movement does not match its batch' USING ERRCODE = 'check_violation';
  END IF;
  next_balance := s.quantity + NEW.delta;
  IF next_balance < 0 THEN
    RAISE EXCEPTION 'supply stock would go below zero: balance %', s.quantity
      USING ERRCODE = 'check_violation', DETAIL = s.quantity::text, HINT = 'supply_stock_negative';
  END IF;
  NEW.balance := next_balance;
  NEW.region_code := s.region_code;
  NEW.owner_prefix := s.owner_prefix;
  NEW.stock_kind := s.kind;
  NEW.enterprise_id := s.enterprise_id;
  UPDATE supply_stock SET quantity = next_balance, updated_at = now() WHERE id = NEW.stock_id;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION supply_movements_apply() FROM PUBLIC;
CREATE TRIGGER supply_movements_apply BEFORE INSERT ON supply_movements
  FOR EACH ROW EXECUTE FUNCTION supply_movements_apply();

CREATE FUNCTION supply_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the supplies ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER supply_movements_append_only BEFORE UPDATE OR DELETE ON supply_movements
  FOR EACH ROW EXECUTE FUNCTION supply_movements_append_only();

-- A warehouse that changes region or owner carries its stock's scope columns with it.
CREATE FUNCTION supply_warehouses_move() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE supply_stock SET region_code = NEW.region_code, owner_prefix = NEW.owner_prefix, kind = NEW.kind, enterprise_id = NEW.enterprise_id
    WHERE warehouse_id = NEW.id;
  UPDATE supply_minimums SET region_code = NEW.region_code, owner_prefix = NEW.owner_prefix, kind = NEW.kind, enterprise_id = NEW.enterprise_id
    WHERE warehouse_id = NEW.id;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION supply_warehouses_move() FROM PUBLIC;
CREATE TRIGGER supply_warehouses_move AFTER UPDATE OF region_code, kind, enterprise_id ON supply_warehouses
  FOR EACH ROW EXECUTE FUNCTION supply_warehouses_move();

GRANT SELECT, INSERT, UPDATE ON supply_categories, supply_items, supply_warehouses TO taishan_app;
GRANT SELECT, INSERT ON supply_stock, supply_movements TO taishan_app;
GRANT UPDATE (expires_on, updated_at) ON supply_stock TO taishan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON supply_minimums TO taishan_app;

-- The category tree and the item catalogue are shared reference data (no region): any account
-- reads them; the server lets only the province and the admin write them (not an enterprise).
ALTER TABLE supply_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_categories_read ON supply_categories FOR SELECT TO taishan_app USING (true);
CREATE POLICY supply_categories_write ON supply_categories FOR INSERT TO taishan_app
  WITH CHECK ((SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY supply_categories_update ON supply_categories FOR UPDATE TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true) = ''));
ALTER TABLE supply_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_items_read ON supply_items FOR SELECT TO taishan_app USING (true);
CREATE POLICY supply_items_write ON supply_items FOR INSERT TO taishan_app
  WITH CHECK ((SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY supply_items_update ON supply_items FOR UPDATE TO taishan_app
  USING ((SELECT current_setting('taishan.enterprise_id', true) = ''));

-- Read: inside the prefix (an enterprise: its own), or a government reserve of a level above.
-- Write: inside the prefix (an enterprise: its own) only.
ALTER TABLE supply_warehouses ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_warehouses_read ON supply_warehouses FOR SELECT TO taishan_app
  USING (CASE WHEN
    (region_code >= (SELECT current_setting('taishan.region_prefix', true))
     AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
     AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
          OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
    OR (kind = 'government' AND (SELECT current_setting('taishan.enterprise_id', true) = '')
        AND left((SELECT current_setting('taishan.region_prefix', true)), length(owner_prefix)) = owner_prefix)
    THEN true ELSE false END);
CREATE POLICY supply_warehouses_insert ON supply_warehouses FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
CREATE POLICY supply_warehouses_update ON supply_warehouses FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

ALTER TABLE supply_stock ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_stock_read ON supply_stock FOR SELECT TO taishan_app
  USING (CASE WHEN
    (region_code >= (SELECT current_setting('taishan.region_prefix', true))
     AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
     AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
          OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
    OR (kind = 'government' AND (SELECT current_setting('taishan.enterprise_id', true) = '')
        AND left((SELECT current_setting('taishan.region_prefix', true)), length(owner_prefix)) = owner_prefix)
    THEN true ELSE false END);
-- A new batch starts empty: its quantity comes from movements only.
CREATE POLICY supply_stock_insert ON supply_stock FOR INSERT TO taishan_app
  WITH CHECK (
    quantity = 0
    AND EXISTS (SELECT 1 FROM supply_warehouses w WHERE w.id = warehouse_id
      AND w.region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND w.region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
      AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
           OR w.enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))));
CREATE POLICY supply_stock_update ON supply_stock FOR UPDATE TO taishan_app
  USING (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));

ALTER TABLE supply_minimums ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_minimums_read ON supply_minimums FOR SELECT TO taishan_app
  USING (CASE WHEN
    (region_code >= (SELECT current_setting('taishan.region_prefix', true))
     AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
     AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
          OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
    OR (kind = 'government' AND (SELECT current_setting('taishan.enterprise_id', true) = '')
        AND left((SELECT current_setting('taishan.region_prefix', true)), length(owner_prefix)) = owner_prefix)
    THEN true ELSE false END);
CREATE POLICY supply_minimums_write ON supply_minimums FOR ALL TO taishan_app
  USING (
    EXISTS (SELECT 1 FROM supply_warehouses w WHERE w.id = warehouse_id
      AND w.region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND w.region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
      AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
           OR w.enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))))
  WITH CHECK (
    EXISTS (SELECT 1 FROM supply_warehouses w WHERE w.id = warehouse_id
      AND w.region_code >= (SELECT current_setting('taishan.region_prefix', true))
      AND w.region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
      AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
           OR w.enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)))));

-- The ledger is read like the stock; a movement is written only inside the writer's prefix (the
-- batch's scope columns are filled by the BEFORE trigger, which runs before this check).
ALTER TABLE supply_movements ENABLE ROW LEVEL SECURITY;
CREATE POLICY supply_movements_read ON supply_movements FOR SELECT TO taishan_app
  USING (CASE WHEN
    (region_code >= (SELECT current_setting('taishan.region_prefix', true))
     AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
     AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
          OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))))
    OR (stock_kind = 'government' AND (SELECT current_setting('taishan.enterprise_id', true) = '')
        AND left((SELECT current_setting('taishan.region_prefix', true)), length(owner_prefix)) = owner_prefix)
    THEN true ELSE false END);
CREATE POLICY supply_movements_insert ON supply_movements FOR INSERT TO taishan_app
  WITH CHECK (
    region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND ((SELECT current_setting('taishan.enterprise_id', true) = '')
         OR enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true))));
