// 应急物资's commands and reads (issue 27; owner: supplies): the GB/T 38565 category tree, the item
// catalogue, warehouses (with allowedActions), stock by category / by item / by warehouse, a
// warehouse's batches and ledger, movements in and out, stock counts (盘点 → 'adjust'), transfers
// between warehouses (transferOut + transferIn), reorder minimums, and the two alert lists the
// 工作台 counts (about to expire, below minimum). Stock changes go through supplies-ledger.ts only.
// Every read runs scoped (the RLS of migration 046 is the second wall, suppliesScope() the first).
import {
  type Actor,
  categoryCodeProblem,
  fieldMessages,
  isEnterpriseUser,
  MOVEMENT_KIND_LABELS,
  type MovementKind,
  mayKeepSupplies,
  mayManageSupplyCategories,
  mayManageSupplyItems,
  mayMoveWarehouse,
  maySeeSupplies,
  maySeeWarehouse,
  minimumSchema,
  movementSchema,
  type Scope,
  stockCountSchema,
  supplyCategorySchema,
  supplyItemSchema,
  transferSchema,
  type WarehouseKind,
  type WarehouseLevel,
  warehouseAllowedActions,
  warehouseRegionProblem,
  warehouseSchema,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { postMovement } from './supplies-ledger.ts';

const parse = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data;
};

/**
 * The first wall: rows of `alias` (with region_code, enterprise_id and a kind column) the scope
 * reads — inside its prefix (an enterprise: its own), or, with `above`, a government reserve of a
 * level above it. `own` leaves the levels above out (the jurisdiction's own stock).
 */
export function suppliesScope(scope: Scope, params: unknown[], alias: string, opts: { above: boolean; kindColumn?: string }): string {
  const kind = `${alias}.${opts.kindColumn ?? 'kind'}`;
  const own: string[] = [];
  if (scope.regionPrefix) own.push(regionRange(`${alias}.region_code`, scope.regionPrefix, params));
  if (scope.enterpriseId !== null) {
    params.push(scope.enterpriseId);
    own.push(`${alias}.enterprise_id = $${params.length}`);
  }
  const ownSql = own.length ? own.join(' AND ') : 'true';
  if (!opts.above || scope.enterpriseId !== null || !scope.regionPrefix) return `(${ownSql})`;
  params.push(scope.regionPrefix);
  return `((${ownSql}) OR (${kind} = 'government' AND left($${params.length}::text, length(${alias}.owner_prefix)) = ${alias}.owner_prefix))`;
}

// ---- categories ------------------------------------------------------------------------------------

type CategoryRow = {
  code: string;
  parent_code: string | null;
  level: number;
  name_zh: string;
  name_en: string;
  provisional: boolean;
  items: number;
};

export function listCategories(db: Db, actor: Actor) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await tx.query<CategoryRow>(
      `SELECT c.code, c.parent_code, c.level, c.name_zh, c.name_en, c.provisional,
              (SELECT count(*) FROM supply_items i WHERE i.category_code >= c.code AND i.category_code < c.code || '~')::int AS items
         FROM supply_categories c ORDER BY c.code`,
    );
    return {
      items: rows.map((r) => ({
        code: r.code,
        parentCode: r.parent_code,
        level: r.level,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        provisional: r.provisional,
        items: r.items,
      })),
      mayAdd: mayManageSupplyCategories(actor),
    };
  });
}

export function createCategory(db: Db, actor: Actor, body: unknown) {
  if (!mayManageSupplyCategories(actor)) throw forbidden();
  const b = parse(supplyCategorySchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const existing = new Set((await tx.query<{ code: string }>('SELECT code FROM supply_categories')).map((r) => r.code));
    const problem = categoryCodeProblem(b.code, existing);
    if (problem) throw invalid({ code: problem });
    await tx.query(
      `INSERT INTO supply_categories (code, parent_code, name_zh, name_en, provisional, created_by)
       VALUES ($1, left($1, length($1) - 2), $2, $3, false, $4)`,
      [b.code, b.nameZh, b.nameEn, actor.id],
    );
    await appendAudit(tx, actor, { action: 'supplies.categoryCreate', entityType: 'supplyCategory', entityId: null, after: b });
    return { code: b.code };
  });
}

// ---- items ----------------------------------------------------------------------------------------

type ItemRow = {
  id: string;
  category_code: string;
  category_name: string;
  code: string | null;
  name: string;
  spec: string;
  unit: string;
  whole_units: boolean;
  pack_size: number | null;
  pack_unit: string | null;
  shelf_life_days: number | null;
  note: string;
  active: boolean;
  version: number;
};
const itemView = (r: ItemRow) => ({
  id: r.id,
  categoryCode: r.category_code,
  categoryName: r.category_name,
  code: r.code,
  name: r.name,
  spec: r.spec,
  unit: r.unit,
  wholeUnits: r.whole_units,
  packSize: r.pack_size === null ? null : Number(r.pack_size),
  packUnit: r.pack_unit,
  shelfLifeDays: r.shelf_life_days,
  note: r.note,
  active: r.active,
  version: r.version,
});
const ITEM_SELECT = `SELECT i.*, i.pack_size::float8 AS pack_size, c.name_zh AS category_name FROM supply_items i JOIN supply_categories c ON c.code = i.category_code`;

export const itemListQuerySchema = z.object({
  categoryCode: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional(),
  q: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export function listItems(db: Db, actor: Actor, q: z.infer<typeof itemListQuerySchema>) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = ['true'];
    if (q.categoryCode) {
      params.push(q.categoryCode, `${q.categoryCode}~`);
      where.push(`i.category_code >= $${params.length - 1} AND i.category_code < $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q}%`);
      where.push(`(i.name ILIKE $${params.length} OR i.spec ILIKE $${params.length} OR i.code ILIKE $${params.length})`);
    }
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM supply_items i WHERE ${where.join(' AND ')}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<ItemRow>(
      `${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.category_code, i.name LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map(itemView), total: count?.n ?? 0, mayAdd: mayManageSupplyItems(actor) };
  });
}

async function checkCategory(tx: Queryable, code: string) {
  const [c] = await tx.query('SELECT 1 FROM supply_categories WHERE code = $1', [code]);
  if (!c) throw invalid({ categoryCode: { zh: `分类 ${code} 不存在`, en: `Unknown category ${code}` } });
}

export function createItem(db: Db, actor: Actor, body: unknown) {
  if (!mayManageSupplyItems(actor)) throw forbidden();
  const b = parse(supplyItemSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    await checkCategory(tx, b.categoryCode);
    if (b.code) {
      const [dup] = await tx.query('SELECT 1 FROM supply_items WHERE code = $1', [b.code]);
      if (dup) throw invalid({ code: { zh: '物资编码已存在', en: 'This item code exists already' } });
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO supply_items (category_code, code, name, spec, unit, whole_units, pack_size, pack_unit, shelf_life_days, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        b.categoryCode,
        b.code || null,
        b.name,
        b.spec,
        b.unit,
        b.wholeUnits,
        b.packSize ?? null,
        b.packUnit || null,
        b.shelfLifeDays ?? null,
        b.note,
        actor.id,
      ],
    );
    const id = row?.id as string;
    await appendAudit(tx, actor, { action: 'supplies.itemCreate', entityType: 'supplyItem', entityId: id, after: b });
    return { id };
  });
}

export function updateItem(db: Db, actor: Actor, id: string, body: unknown) {
  if (!mayManageSupplyItems(actor)) throw forbidden();
  const version = z.object({ version: z.number().int() }).safeParse(body);
  if (!version.success) throw invalid({ version: { zh: '缺少版本号', en: 'Version missing' } });
  const b = parse(supplyItemSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const [cur] = await tx.query<ItemRow>(`${ITEM_SELECT} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
    if (!cur) throw notFound();
    if (cur.version !== version.data.version)
      throw conflict({ zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
    await checkCategory(tx, b.categoryCode);
    // The counting unit and whole-units rule of an item with stock stay as they are (the ledger is in them).
    const [used] = await tx.query('SELECT 1 FROM supply_movements WHERE item_id = $1 LIMIT 1', [id]);
    if (used && (b.unit !== cur.unit || b.wholeUnits !== cur.whole_units))
      throw conflict({
        zh: '该物资已有出入库记录，不能修改计量单位或整数规则',
        en: 'The item has movements: its unit and whole-units rule cannot change',
      });
    await tx.query(
      `UPDATE supply_items SET category_code = $2, code = $3, name = $4, spec = $5, unit = $6, whole_units = $7, pack_size = $8, pack_unit = $9,
              shelf_life_days = $10, note = $11, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        b.categoryCode,
        b.code || null,
        b.name,
        b.spec,
        b.unit,
        b.wholeUnits,
        b.packSize ?? null,
        b.packUnit || null,
        b.shelfLifeDays ?? null,
        b.note,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'supplies.itemUpdate',
      entityType: 'supplyItem',
      entityId: id,
      before: itemView(cur),
      after: b,
    });
    return { id, version: cur.version + 1 };
  });
}

// ---- warehouses -----------------------------------------------------------------------------------

type WarehouseRow = {
  id: string;
  name: string;
  kind: WarehouseKind;
  level: WarehouseLevel | null;
  region_code: string;
  region_name: string | null;
  owner_prefix: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  department_id: string | null;
  lat: number | null;
  lng: number | null;
  address: string;
  contact_name: string;
  contact_phone: string;
  note: string;
  active: boolean;
  version: number;
  batches: number;
  items: number;
  expiring: number;
  below_minimum: number;
};

const WAREHOUSE_SELECT = (expiryParam: string) => `SELECT w.*, r.name AS region_name, e.name AS enterprise_name,
    (SELECT count(*) FROM supply_stock s WHERE s.warehouse_id = w.id AND s.quantity > 0)::int AS batches,
    (SELECT count(DISTINCT s.item_id) FROM supply_stock s WHERE s.warehouse_id = w.id AND s.quantity > 0)::int AS items,
    (SELECT count(*) FROM supply_stock s WHERE s.warehouse_id = w.id AND s.quantity > 0 AND s.expires_on <= ${expiryParam})::int AS expiring,
    (SELECT count(*) FROM supply_minimums m WHERE m.warehouse_id = w.id AND m.minimum >
       coalesce((SELECT sum(s.quantity) FROM supply_stock s WHERE s.warehouse_id = w.id AND s.item_id = m.item_id), 0))::int AS below_minimum
  FROM supply_warehouses w
  LEFT JOIN regions r ON r.code = w.region_code
  LEFT JOIN enterprises e ON e.id = w.enterprise_id`;

const ref = (w: WarehouseRow) => ({
  kind: w.kind,
  level: w.level,
  regionCode: w.region_code,
  enterpriseId: w.enterprise_id,
  active: w.active,
});

function warehouseView(actor: Actor, w: WarehouseRow) {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    level: w.level,
    regionCode: w.region_code,
    regionName: w.region_name,
    enterpriseId: w.enterprise_id,
    enterpriseName: w.enterprise_name,
    departmentId: w.department_id,
    lat: w.lat,
    lng: w.lng,
    address: w.address,
    contactName: w.contact_name,
    contactPhone: w.contact_phone,
    note: w.note,
    active: w.active,
    version: w.version,
    batches: w.batches,
    items: w.items,
    expiring: w.expiring,
    belowMinimum: w.below_minimum,
    /** A reserve of a level above, seen to ask for it (dispatch), not to move it. */
    readOnly: !mayMoveWarehouse(actor, ref(w)),
    allowedActions: warehouseAllowedActions(actor, ref(w)),
  };
}

async function expiryHorizon(tx: Queryable, regionCode: string, now: Date): Promise<string> {
  const days = Number(await effectiveSetting(tx, 'supplies.expiryWarningDays', regionCode || '320000000000'));
  const d = new Date(`${todayInShanghai(now)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const regionOf = (actor: Actor) => (actor.scope.regionPrefix || '').padEnd(12, '0');

export const warehouseListQuerySchema = z.object({
  kind: z.enum(['government', 'enterprise', 'social']).optional(),
  level: z.enum(['province', 'city', 'county', 'township']).optional(),
  /** own: the jurisdiction's; above: the reserves of the levels above; all (default): both. */
  scope: z.enum(['own', 'above', 'all']).default('all'),
  q: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(2000).default(200),
});

export function listWarehouses(db: Db, actor: Actor, q: z.infer<typeof warehouseListQuerySchema>, now = new Date()) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [await expiryHorizon(tx, regionOf(actor), now)];
    const where: string[] = [];
    if (q.scope === 'own') where.push(suppliesScope(actor.scope, params, 'w', { above: false }));
    else if (q.scope === 'above')
      where.push(
        `NOT ${suppliesScope(actor.scope, params, 'w', { above: false })}`,
        suppliesScope(actor.scope, params, 'w', { above: true }),
      );
    else where.push(suppliesScope(actor.scope, params, 'w', { above: true }));
    if (q.kind) {
      params.push(q.kind);
      where.push(`w.kind = $${params.length}`);
    }
    if (q.level) {
      params.push(q.level);
      where.push(`w.level = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q}%`);
      where.push(`(w.name ILIKE $${params.length} OR w.address ILIKE $${params.length})`);
    }
    const [count] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM supply_warehouses w WHERE $1::date IS NOT NULL AND ${where.join(' AND ')}`,
      params,
    );
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<WarehouseRow>(
      `${WAREHOUSE_SELECT('$1::date')} WHERE ${where.join(' AND ')}
       ORDER BY array_position(ARRAY['province','city','county','township']::text[], w.level) NULLS LAST, w.region_code, w.name
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map((w) => warehouseView(actor, w)), total: count?.n ?? 0, mayCreate: mayKeepSupplies(actor) };
  });
}

async function findWarehouse(tx: Scoped, id: string, now: Date, forUpdate = false): Promise<WarehouseRow | undefined> {
  const params: unknown[] = [await expiryHorizon(tx, regionOf({ scope: tx.scope } as Actor), now), id];
  const where = suppliesScope(tx.scope, params, 'w', { above: true });
  const [w] = await tx.query<WarehouseRow>(
    `${WAREHOUSE_SELECT('$1::date')} WHERE w.id = $2 AND ${where}${forUpdate ? ' FOR UPDATE OF w' : ''}`,
    params,
  );
  return w;
}

async function regionLevel(tx: Queryable, code: string): Promise<WarehouseLevel> {
  const [r] = await tx.query<{ level: WarehouseLevel }>('SELECT level FROM regions WHERE code = $1', [code]);
  if (!r) throw invalid({ regionCode: { zh: '地区不存在', en: 'Unknown region' } });
  return r.level;
}

async function checkWarehouse(tx: Scoped, actor: Actor, b: z.infer<typeof warehouseSchema>) {
  const problem = warehouseRegionProblem(b.kind, b.level ?? null, await regionLevel(tx, b.regionCode));
  if (problem) throw invalid({ regionCode: problem });
  const r = { kind: b.kind, level: b.level ?? null, regionCode: b.regionCode, enterpriseId: b.enterpriseId ?? null };
  if (isEnterpriseUser(actor) && b.kind !== 'enterprise')
    throw invalid({ kind: { zh: '企业只能登记本企业储备', en: 'An enterprise records its own stock only' } });
  if (b.enterpriseId) {
    const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [b.enterpriseId]);
    if (!e) throw invalid({ enterpriseId: { zh: '企业不存在', en: 'Unknown enterprise' } });
  }
  if (!r.regionCode.startsWith(actor.scope.regionPrefix))
    throw invalid({ regionCode: { zh: '只能在本辖区内登记仓库', en: 'A warehouse in your own jurisdiction only' } });
  if (!mayMoveWarehouse(actor, r)) throw forbidden();
}

export function createWarehouse(db: Db, actor: Actor, body: unknown) {
  if (!mayKeepSupplies(actor)) throw forbidden();
  const input = (body ?? {}) as Record<string, unknown>;
  const b = parse(
    warehouseSchema,
    isEnterpriseUser(actor) ? { ...input, kind: 'enterprise', enterpriseId: actor.scope.enterpriseId } : input,
  );
  return withScope(db, actor.scope, async (tx) => {
    await checkWarehouse(tx, actor, b);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO supply_warehouses (name, kind, level, region_code, enterprise_id, department_id, lat, lng, address, contact_name, contact_phone, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        b.name,
        b.kind,
        b.level ?? null,
        b.regionCode,
        b.enterpriseId ?? null,
        b.departmentId ?? null,
        b.lat ?? null,
        b.lng ?? null,
        b.address,
        b.contactName,
        b.contactPhone,
        b.note,
        actor.id,
      ],
    );
    const id = row?.id as string;
    await appendAudit(tx, actor, {
      action: 'supplies.warehouseCreate',
      entityType: 'supplyWarehouse',
      entityId: id,
      regionCode: b.regionCode,
      after: b,
    });
    return { id };
  });
}

export function updateWarehouse(db: Db, actor: Actor, id: string, body: unknown, now = new Date()) {
  const v = z.object({ version: z.number().int(), active: z.boolean().optional() }).safeParse(body);
  if (!v.success) throw invalid({ version: { zh: '缺少版本号', en: 'Version missing' } });
  return withScope(db, actor.scope, async (tx) => {
    const cur = await findWarehouse(tx, id, now, true);
    if (!cur) throw notFound();
    if (!warehouseAllowedActions(actor, ref(cur)).includes('edit')) throw forbidden();
    if (cur.version !== v.data.version)
      throw conflict({ zh: '记录已被他人修改，请刷新后重试', en: 'The record changed; reload and try again' });
    const b = parse(warehouseSchema, { ...(body as object), kind: cur.kind, enterpriseId: cur.enterprise_id });
    await checkWarehouse(tx, actor, b);
    await tx.query(
      `UPDATE supply_warehouses SET name = $2, level = $3, region_code = $4, department_id = $5, lat = $6, lng = $7, address = $8,
              contact_name = $9, contact_phone = $10, note = $11, active = $12, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        b.name,
        b.level ?? null,
        b.regionCode,
        b.departmentId ?? null,
        b.lat ?? null,
        b.lng ?? null,
        b.address,
        b.contactName,
        b.contactPhone,
        b.note,
        v.data.active ?? cur.active,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'supplies.warehouseUpdate',
      entityType: 'supplyWarehouse',
      entityId: id,
      regionCode: b.regionCode,
      after: b,
    });
    return { id, version: cur.version + 1 };
  });
}

type BatchRow = {
  id: string;
  item_id: string;
  item_name: string;
  spec: string;
  unit: string;
  whole_units: boolean;
  category_code: string;
  batch_no: string;
  expires_on: Date | string | null;
  quantity: number;
  minimum: number | null;
  item_total: number;
};

export function getWarehouse(db: Db, actor: Actor, id: string, now = new Date()) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const w = await findWarehouse(tx, id, now);
    if (!w || !maySeeWarehouse(actor, ref(w))) throw notFound();
    const horizon = await expiryHorizon(tx, w.region_code, now);
    const today = todayInShanghai(now);
    const batches = await tx.query<BatchRow>(
      `SELECT s.id, s.item_id, i.name AS item_name, i.spec, i.unit, i.whole_units, i.category_code, s.batch_no, s.expires_on,
              s.quantity::float8 AS quantity, m.minimum::float8 AS minimum,
              (sum(s.quantity) OVER (PARTITION BY s.item_id))::float8 AS item_total
         FROM supply_stock s JOIN supply_items i ON i.id = s.item_id
         LEFT JOIN supply_minimums m ON m.warehouse_id = s.warehouse_id AND m.item_id = s.item_id
        WHERE s.warehouse_id = $1
        ORDER BY i.category_code, i.name, s.expires_on NULLS LAST, s.batch_no`,
      [id],
    );
    // Minimums set for items with no batch yet are below minimum too.
    const bare = await tx.query<{ item_id: string; item_name: string; unit: string; minimum: number }>(
      `SELECT m.item_id, i.name AS item_name, i.unit, m.minimum::float8 AS minimum FROM supply_minimums m JOIN supply_items i ON i.id = m.item_id
        WHERE m.warehouse_id = $1 AND NOT EXISTS (SELECT 1 FROM supply_stock s WHERE s.warehouse_id = m.warehouse_id AND s.item_id = m.item_id)`,
      [id],
    );
    return {
      ...warehouseView(actor, w),
      expiryHorizon: horizon,
      batches: batches.map((b) => {
        const expires = dateOnly(b.expires_on);
        return {
          id: b.id,
          itemId: b.item_id,
          itemName: b.item_name,
          spec: b.spec,
          unit: b.unit,
          wholeUnits: b.whole_units,
          categoryCode: b.category_code,
          batchNo: b.batch_no,
          expiresOn: expires,
          quantity: b.quantity,
          itemTotal: b.item_total,
          minimum: b.minimum,
          belowMinimum: b.minimum !== null && b.item_total < b.minimum,
          expired: expires !== null && expires < today && b.quantity > 0,
          expiring: expires !== null && expires <= horizon && b.quantity > 0,
        };
      }),
      minimumsWithoutStock: bare.map((b) => ({ itemId: b.item_id, itemName: b.item_name, unit: b.unit, minimum: b.minimum })),
    };
  });
}

export const movementListQuerySchema = z.object({
  itemId: z.string().uuid().optional(),
  stockId: z.string().uuid().optional(),
  kind: z.enum(['in', 'out', 'adjust', 'transferOut', 'transferIn']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export function listMovements(db: Db, actor: Actor, warehouseId: string, q: z.infer<typeof movementListQuerySchema>, now = new Date()) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const w = await findWarehouse(tx, warehouseId, now);
    if (!w) throw notFound();
    const params: unknown[] = [warehouseId];
    const where = ['m.warehouse_id = $1'];
    for (const [col, v] of [
      ['m.item_id', q.itemId],
      ['m.stock_id', q.stockId],
      ['m.kind', q.kind],
    ] as const) {
      if (v) {
        params.push(v);
        where.push(`${col} = $${params.length}`);
      }
    }
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM supply_movements m WHERE ${where.join(' AND ')}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<{
      id: string;
      at: Date;
      kind: MovementKind;
      delta: number;
      balance: number;
      item_id: string;
      item_name: string;
      unit: string;
      batch_no: string;
      ref_type: string | null;
      ref_id: string | null;
      note: string;
      actor_name: string | null;
    }>(
      `SELECT m.id, m.at, m.kind, m.delta::float8 AS delta, m.balance::float8 AS balance, m.item_id, i.name AS item_name, i.unit,
              s.batch_no, m.ref_type, m.ref_id, m.note, m.actor_name
         FROM supply_movements m JOIN supply_items i ON i.id = m.item_id JOIN supply_stock s ON s.id = m.stock_id
        WHERE ${where.join(' AND ')} ORDER BY m.at DESC, m.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: iso(r.at),
        kind: r.kind,
        kindLabel: MOVEMENT_KIND_LABELS[r.kind],
        delta: r.delta,
        balance: r.balance,
        itemId: r.item_id,
        itemName: r.item_name,
        unit: r.unit,
        batchNo: r.batch_no,
        refType: r.ref_type,
        refId: r.ref_id,
        note: r.note,
        actorName: r.actor_name,
      })),
      total: count?.n ?? 0,
    };
  });
}

// ---- movements, counts, transfers, minimums ---------------------------------------------------------

async function movable(tx: Scoped, actor: Actor, id: string, action: 'receive' | 'issue' | 'count' | 'transfer' | 'setMinimum', now: Date) {
  const w = await findWarehouse(tx, id, now);
  if (!w) throw notFound();
  if (!warehouseAllowedActions(actor, ref(w)).includes(action))
    throw new AppError(
      'forbidden',
      {
        zh: '无权变动该仓库的库存（上级储备须经其审批调拨）',
        en: 'You may not move this warehouse’s stock (a higher level’s reserve moves on its approval)',
      },
      {},
      { allowedActions: warehouseAllowedActions(actor, ref(w)) },
    );
  return w;
}

export function postWarehouseMovement(db: Db, actor: Actor, warehouseId: string, body: unknown, now = new Date()) {
  const b = parse(movementSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    await movable(tx, actor, warehouseId, b.kind === 'in' ? 'receive' : 'issue', now);
    return postMovement(tx, actor, {
      warehouseId,
      itemId: b.itemId,
      stockId: b.stockId ?? null,
      batchNo: b.batchNo ?? '',
      expiresOn: b.expiresOn ?? null,
      kind: b.kind,
      quantity: b.quantity,
      refType: 'manual',
      note: b.note,
    });
  });
}

/** 盘点: the counted quantity of a batch; a difference is an 'adjust' movement with the reason. */
export function countStock(db: Db, actor: Actor, warehouseId: string, body: unknown, now = new Date()) {
  const b = parse(stockCountSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    await movable(tx, actor, warehouseId, 'count', now);
    const [s] = await tx.query<{ id: string; item_id: string; quantity: number; unit: string; whole_units: boolean }>(
      `SELECT s.id, s.item_id, s.quantity::float8 AS quantity, i.unit, i.whole_units FROM supply_stock s JOIN supply_items i ON i.id = s.item_id
        WHERE s.id = $1 AND s.warehouse_id = $2 FOR UPDATE OF s`,
      [b.stockId, warehouseId],
    );
    if (!s) throw notFound();
    if (s.whole_units && !Number.isInteger(b.counted))
      throw invalid({
        counted: { zh: `该物资按整${s.unit}计，数量须为整数`, en: `This item is counted in whole units (${s.unit}); give a whole number` },
      });
    const diff = Number((b.counted - s.quantity).toFixed(6));
    if (diff === 0) {
      await appendAudit(tx, actor, {
        action: 'supplies.count',
        entityType: 'supplyStock',
        entityId: s.id,
        after: { counted: b.counted, reason: b.reason, difference: 0 },
      });
      return { stockId: s.id, balance: s.quantity, difference: 0, movementId: null };
    }
    const r = await postMovement(tx, actor, {
      warehouseId,
      itemId: s.item_id,
      stockId: s.id,
      kind: 'adjust',
      quantity: diff,
      refType: 'count',
      note: b.reason,
    });
    return { stockId: s.id, balance: r.balance, difference: diff, movementId: r.movementId };
  });
}

/** A transfer between two warehouses the actor may both move (transferOut + transferIn, batch kept). */
export function transferStock(db: Db, actor: Actor, warehouseId: string, body: unknown, now = new Date()) {
  const b = parse(transferSchema, body);
  if (b.toWarehouseId === warehouseId)
    throw invalid({ toWarehouseId: { zh: '调入仓库不能与调出仓库相同', en: 'Choose another warehouse to transfer to' } });
  return withScope(db, actor.scope, async (tx) => {
    await movable(tx, actor, warehouseId, 'transfer', now);
    const to = await findWarehouse(tx, b.toWarehouseId, now);
    if (!to) throw invalid({ toWarehouseId: { zh: '调入仓库不存在', en: 'Unknown warehouse' } });
    if (!warehouseAllowedActions(actor, ref(to)).includes('receive'))
      throw forbidden({
        zh: '调入仓库不属于本级管理，跨级调拨请走调拨申请',
        en: 'The receiving warehouse is not yours; ask for supplies across levels through a request',
      });
    const transferId = crypto.randomUUID();
    const out = await postMovement(tx, actor, {
      warehouseId,
      itemId: b.itemId,
      stockId: b.stockId ?? null,
      kind: 'transferOut',
      quantity: b.quantity,
      refType: 'transfer',
      refId: transferId,
      note: b.note,
    });
    const ins = [];
    for (const m of out.movements) {
      ins.push(
        await postMovement(tx, actor, {
          warehouseId: b.toWarehouseId,
          itemId: b.itemId,
          batchNo: m.batchNo,
          expiresOn: m.expiresOn,
          kind: 'transferIn',
          quantity: -m.delta,
          refType: 'transfer',
          refId: transferId,
          note: b.note,
        }),
      );
    }
    await appendAudit(tx, actor, {
      action: 'supplies.transfer',
      entityType: 'supplyWarehouse',
      entityId: warehouseId,
      regionCode: to.region_code,
      after: { transferId, to: b.toWarehouseId, itemId: b.itemId, quantity: b.quantity },
    });
    return { transferId, out: out.movements, in: ins.flatMap((r) => r.movements) };
  });
}

export function setMinimum(db: Db, actor: Actor, warehouseId: string, body: unknown, now = new Date()) {
  const b = parse(minimumSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const w = await movable(tx, actor, warehouseId, 'setMinimum', now);
    const [item] = await tx.query<{ whole_units: boolean; unit: string }>('SELECT whole_units, unit FROM supply_items WHERE id = $1', [
      b.itemId,
    ]);
    if (!item) throw invalid({ itemId: { zh: '物资不存在', en: 'Unknown item' } });
    if (item.whole_units && !Number.isInteger(b.minimum))
      throw invalid({
        minimum: { zh: `该物资按整${item.unit}计，数量须为整数`, en: `Counted in whole units (${item.unit}); give a whole number` },
      });
    if (b.minimum === 0) await tx.query('DELETE FROM supply_minimums WHERE warehouse_id = $1 AND item_id = $2', [warehouseId, b.itemId]);
    else
      await tx.query(
        `INSERT INTO supply_minimums (warehouse_id, item_id, minimum) VALUES ($1, $2, $3)
         ON CONFLICT (warehouse_id, item_id) DO UPDATE SET minimum = EXCLUDED.minimum, updated_at = now()`,
        [warehouseId, b.itemId, b.minimum],
      );
    await appendAudit(tx, actor, {
      action: 'supplies.minimumSet',
      entityType: 'supplyWarehouse',
      entityId: warehouseId,
      regionCode: w.region_code,
      after: b,
    });
    return { warehouseId, itemId: b.itemId, minimum: b.minimum };
  });
}

// ---- stock views ----------------------------------------------------------------------------------

export const stockByCategoryQuerySchema = z.object({
  /** The category level to sum at (1 大类 … 4 细类); with `parent`, its children. */
  level: z.coerce.number().int().min(1).max(4).optional(),
  parent: z
    .string()
    .regex(/^\d{1,5}$/)
    .optional(),
  /** Include the reserves of the levels above (to see what could be asked for). */
  above: z.enum(['true', 'false']).default('false'),
  warehouseId: z.string().uuid().optional(),
});

/** The SQL of "stock by category" (the benchmark runs the same text bare). */
export function stockByCategorySql(scope: Scope, q: z.infer<typeof stockByCategoryQuerySchema>) {
  const level = q.parent ? (q.parent.length + 1) / 2 + 1 : (q.level ?? 1);
  const len = level * 2 - 1;
  const params: unknown[] = [len];
  const where = ['s.quantity > 0', suppliesScope(scope, params, 's', { above: q.above === 'true' })];
  if (q.parent) {
    params.push(q.parent, `${q.parent}~`);
    where.push(
      `s.item_id IN (SELECT x.id FROM supply_items x WHERE x.category_code >= $${params.length - 1} AND x.category_code < $${params.length})`,
    );
  }
  if (q.warehouseId) {
    params.push(q.warehouseId);
    where.push(`s.warehouse_id = $${params.length}`);
  }
  // Per item first (hash aggregates only, no DISTINCT), then per category and unit.
  const sql = `SELECT left(i.category_code, $1::int) AS code, i.unit, count(*)::int AS items, sum(t.batches)::int AS batches,
        sum(t.quantity)::float8 AS quantity
     FROM (SELECT s.item_id, count(*) AS batches, sum(s.quantity) AS quantity FROM supply_stock s
            WHERE ${where.join(' AND ')} GROUP BY s.item_id) t
     JOIN supply_items i ON i.id = t.item_id
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return { sql, params, level };
}

export function stockByCategory(db: Db, actor: Actor, q: z.infer<typeof stockByCategoryQuerySchema>) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { sql, params, level } = stockByCategorySql(actor.scope, q);
    const [rows, cats] = await Promise.all([
      tx.query<{ code: string; unit: string; items: number; warehouses: number; batches: number; quantity: number }>(sql, params),
      tx.query<{ code: string; name_zh: string; name_en: string; provisional: boolean }>(
        'SELECT code, name_zh, name_en, provisional FROM supply_categories WHERE level = $1',
        [level],
      ),
    ]);
    const names = new Map(cats.map((c) => [c.code, c]));
    const byCode = new Map<
      string,
      {
        code: string;
        nameZh: string;
        nameEn: string;
        provisional: boolean;
        items: number;
        batches: number;
        quantities: { unit: string; quantity: number }[];
      }
    >();
    for (const r of rows) {
      let c = byCode.get(r.code);
      if (!c) {
        const n = names.get(r.code);
        c = {
          code: r.code,
          nameZh: n?.name_zh ?? r.code,
          nameEn: n?.name_en ?? '',
          provisional: n?.provisional ?? false,
          items: 0,
          batches: 0,
          quantities: [],
        };
        byCode.set(r.code, c);
      }
      c.items += r.items;
      c.batches += r.batches;
      c.quantities.push({ unit: r.unit, quantity: r.quantity });
    }
    return { level, items: [...byCode.values()] };
  });
}

export const stockItemsQuerySchema = z.object({
  categoryCode: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional(),
  warehouseId: z.string().uuid().optional(),
  above: z.enum(['true', 'false']).default('false'),
  q: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Per item: the total in the scope's warehouses, how many warehouses, the earliest expiry. */
export function stockItems(db: Db, actor: Actor, q: z.infer<typeof stockItemsQuerySchema>) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = ['s.quantity > 0', suppliesScope(actor.scope, params, 's', { above: q.above === 'true' })];
    if (q.categoryCode) {
      params.push(q.categoryCode, `${q.categoryCode}~`);
      where.push(`i.category_code >= $${params.length - 1} AND i.category_code < $${params.length}`);
    }
    if (q.warehouseId) {
      params.push(q.warehouseId);
      where.push(`s.warehouse_id = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q}%`);
      where.push(`i.name ILIKE $${params.length}`);
    }
    const base = `FROM supply_stock s JOIN supply_items i ON i.id = s.item_id WHERE ${where.join(' AND ')}`;
    const [count] = await tx.query<{ n: number }>(`SELECT count(DISTINCT s.item_id)::int AS n ${base}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = await tx.query<{
      item_id: string;
      name: string;
      spec: string;
      unit: string;
      category_code: string;
      quantity: number;
      warehouses: number;
      earliest: Date | string | null;
    }>(
      `SELECT s.item_id, i.name, i.spec, i.unit, i.category_code, sum(s.quantity)::float8 AS quantity,
              count(DISTINCT s.warehouse_id)::int AS warehouses, min(s.expires_on) AS earliest
         ${base} GROUP BY s.item_id, i.name, i.spec, i.unit, i.category_code ORDER BY i.category_code, i.name
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        itemId: r.item_id,
        name: r.name,
        spec: r.spec,
        unit: r.unit,
        categoryCode: r.category_code,
        quantity: r.quantity,
        warehouses: r.warehouses,
        earliestExpiry: dateOnly(r.earliest),
      })),
      total: count?.n ?? 0,
    };
  });
}

// ---- alerts (the 工作台's lists) ---------------------------------------------------------------------

export const alertQuerySchema = z.object({
  view: z.enum(['expiring', 'belowMinimum']),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** The alert lists' WHERE, shared by the list and the 工作台 count (the jurisdiction's own stock). */
async function alertBase(tx: Scoped, view: 'expiring' | 'belowMinimum', now: Date) {
  const params: unknown[] = [];
  if (view === 'expiring') {
    params.push(await expiryHorizon(tx, (tx.scope.regionPrefix || '').padEnd(12, '0'), now));
    const scope = suppliesScope(tx.scope, params, 's', { above: false });
    return {
      params,
      from: `FROM supply_stock s JOIN supply_items i ON i.id = s.item_id JOIN supply_warehouses w ON w.id = s.warehouse_id
             WHERE s.quantity > 0 AND s.expires_on IS NOT NULL AND s.expires_on <= $1::date AND ${scope}`,
    };
  }
  const scope = suppliesScope(tx.scope, params, 'm', { above: false });
  return {
    params,
    from: `FROM supply_minimums m JOIN supply_items i ON i.id = m.item_id JOIN supply_warehouses w ON w.id = m.warehouse_id
           CROSS JOIN LATERAL (SELECT coalesce(sum(s.quantity), 0) AS q FROM supply_stock s WHERE s.warehouse_id = m.warehouse_id AND s.item_id = m.item_id) t
           WHERE t.q < m.minimum AND w.active AND ${scope}`,
  };
}

export async function countAlerts(tx: Scoped, view: 'expiring' | 'belowMinimum', now = new Date()): Promise<number> {
  const { params, from } = await alertBase(tx, view, now);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
  return r?.n ?? 0;
}

export function listAlerts(db: Db, actor: Actor, q: z.infer<typeof alertQuerySchema>, now = new Date()) {
  if (!maySeeSupplies(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { params, from } = await alertBase(tx, q.view, now);
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const lim = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
    const today = todayInShanghai(now);
    if (q.view === 'expiring') {
      const rows = await tx.query<{
        id: string;
        warehouse_id: string;
        warehouse_name: string;
        item_id: string;
        item_name: string;
        unit: string;
        batch_no: string;
        expires_on: Date | string;
        quantity: number;
      }>(
        `SELECT s.id, s.warehouse_id, w.name AS warehouse_name, s.item_id, i.name AS item_name, i.unit, s.batch_no, s.expires_on, s.quantity::float8 AS quantity
         ${from} ORDER BY s.expires_on, w.name ${lim}`,
        params,
      );
      return {
        total: count?.n ?? 0,
        items: rows.map((r) => ({
          stockId: r.id,
          warehouseId: r.warehouse_id,
          warehouseName: r.warehouse_name,
          itemId: r.item_id,
          itemName: r.item_name,
          unit: r.unit,
          batchNo: r.batch_no,
          expiresOn: dateOnly(r.expires_on),
          expired: (dateOnly(r.expires_on) ?? '') < today,
          quantity: r.quantity,
        })),
      };
    }
    const rows = await tx.query<{
      warehouse_id: string;
      warehouse_name: string;
      item_id: string;
      item_name: string;
      unit: string;
      minimum: number;
      q: number;
    }>(
      `SELECT m.warehouse_id, w.name AS warehouse_name, m.item_id, i.name AS item_name, i.unit, m.minimum::float8 AS minimum, t.q::float8 AS q
       ${from} ORDER BY (t.q / m.minimum), w.name ${lim}`,
      params,
    );
    return {
      total: count?.n ?? 0,
      items: rows.map((r) => ({
        warehouseId: r.warehouse_id,
        warehouseName: r.warehouse_name,
        itemId: r.item_id,
        itemName: r.item_name,
        unit: r.unit,
        minimum: r.minimum,
        quantity: r.q,
        shortfall: Number((r.minimum - r.q).toFixed(3)),
      })),
    };
  });
}
