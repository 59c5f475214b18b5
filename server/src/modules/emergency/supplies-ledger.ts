// The supplies ledger (台账, issue 27; owner: supplies): the one way stock changes. Other parts
// (dispatch: shipments, receipts, returns; donations) call these two functions.
//
// postMovement(tx, actor, { warehouseId, itemId, stockId?, batchNo?, expiresOn?, kind, quantity,
//                           refType?, refId?, note? })
//   → Promise<{ movementId: string; stockId: string; balance: number;
//               movements: { movementId: string; stockId: string; batchNo: string;
//                            expiresOn: string | null; delta: number; balance: number }[];
//               itemBalance: number }>
//   * kind 'in' | 'transferIn': quantity > 0 into the batch `stockId`, or the batch `batchNo`
//     (default '', the batch without a number) of the item in the warehouse, created when new
//     (with `expiresOn`). One movement.
//   * kind 'out' | 'transferOut': quantity > 0 out of `stockId`, or, without it, out of the item's
//     batches in the warehouse earliest expiry first (FEFO; batches without expiry last): then
//     several movements may be written, one per batch touched.
//   * kind 'adjust': a signed quantity (≠ 0) on `stockId` or the batch `batchNo` (盘点).
//   * movementId / stockId / balance are those of the LAST movement written (for one movement:
//     that movement and its batch's balance after it); `movements` lists them all in order;
//     itemBalance is the item's total in the warehouse after the posting.
//   * Refusals: 400 (fields) for a non-positive or fractional quantity of a whole-unit item (and a
//     zero adjustment); 404 when the warehouse, item or batch is not visible in the tx's scope;
//     403 when visible but not movable by this tx's scope (a county and the city's reserve); 409
//     "库存不足：当前结存 3 箱" when stock would go below zero — naming the balance of the batch
//     (or, FEFO, of all the item's batches in the warehouse) — and NOTHING is written.
//   * Concurrency: the batch rows are locked (SELECT … FOR UPDATE) before anything is computed, so
//     movements on one batch serialise; the database's trigger (migration 046) locks again, applies
//     the delta, refuses a negative balance and writes the balance into the movement row, so
//     supply_stock.quantity = the sum of the batch's movements whatever the caller does.
//   * `tx` is a Scoped handle (RLS and the scope check apply: the tx's scope must hold the
//     warehouse) or, for a caller that has authorised the movement by its own rule (dispatch after
//     the owning level's approval), a plain transaction Queryable (no scope check here).
//   * One audit event ('supplies.movement') per call, written after the batch locks. LOCK ORDER:
//     call postMovement BEFORE your own appendAudit in the same transaction (stock rows first, then
//     the audit head), or two transactions can deadlock.
//
// stockByWarehouse(tx, itemIds, options?)
//   → Promise<{ warehouseId: string; warehouseName: string; kind: WarehouseKind;
//               level: WarehouseLevel | null; regionCode: string; lat: number | null;
//               lng: number | null; itemId: string; quantity: number; expiresOn: string | null }[]>
//   per warehouse and item the available quantity (the sum of its batches, > 0 only, expired
//   batches left out unless options.includeExpired), and the earliest expiry among them; rows
//   visible in the tx's scope (a county also sees the reserves of the levels above). Ordered by
//   warehouse then item. For dispatch's proposal (distance is the caller's: distanceKm).
import {
  type Actor,
  belowZeroMessage,
  MOVEMENT_KINDS,
  type MovementKind,
  movementDelta,
  quantityProblem,
  type WarehouseKind,
  type WarehouseLevel,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Queryable } from '../../db/db.ts';
import { regionRange, type Scoped } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly } from '../../time.ts';

export type MovementRequest = {
  warehouseId: string;
  itemId: string;
  stockId?: string | null;
  batchNo?: string | null;
  expiresOn?: string | null;
  kind: MovementKind;
  /** > 0; an 'adjust' may be signed (≠ 0). */
  quantity: number;
  refType?: string | null;
  refId?: string | null;
  note?: string | null;
  /** When the movement happened (default now); the demo's year of history uses it. */
  at?: Date | string;
};

export type PostedMovement = {
  movementId: string;
  stockId: string;
  batchNo: string;
  expiresOn: string | null;
  delta: number;
  balance: number;
};

export type MovementResult = {
  movementId: string;
  stockId: string;
  balance: number;
  movements: PostedMovement[];
  itemBalance: number;
};

type BatchRow = { id: string; batch_no: string; expires_on: Date | string | null; quantity: number; warehouse_id: string; item_id: string };
type WarehouseRow = { id: string; region_code: string; enterprise_id: string | null; kind: WarehouseKind; name: string };
type ItemRow = { id: string; unit: string; whole_units: boolean; name: string };

const isScoped = (tx: Queryable): tx is Scoped => 'scope' in tx && (tx as Scoped).scope !== undefined;

/** Whether the tx's scope may move stock of this warehouse (the INSERT policy's rule). */
function mayWrite(tx: Queryable, w: WarehouseRow): boolean {
  if (!isScoped(tx)) return true;
  const s = tx.scope;
  if (!w.region_code.startsWith(s.regionPrefix)) return false;
  return s.enterpriseId === null || w.enterprise_id === s.enterpriseId;
}

const day = (d: Date | string | null) => (d == null ? null : dateOnly(d));

export async function postMovement(
  tx: Queryable,
  actor: Actor | { id: string | null; username: string } | null,
  m: MovementRequest,
): Promise<MovementResult> {
  if (!(MOVEMENT_KINDS as readonly string[]).includes(m.kind))
    throw invalid({ kind: { zh: '未知的出入库类型', en: 'Unknown movement kind' } });
  const [w] = await tx.query<WarehouseRow>('SELECT id, region_code, enterprise_id, kind, name FROM supply_warehouses WHERE id = $1', [
    m.warehouseId,
  ]);
  if (!w) throw notFound();
  const [item] = await tx.query<ItemRow>('SELECT id, unit, whole_units, name FROM supply_items WHERE id = $1', [m.itemId]);
  if (!item) throw invalid({ itemId: { zh: '物资不存在', en: 'Unknown item' } });
  const problem = quantityProblem(m.kind, Number(m.quantity), { unit: item.unit, wholeUnits: item.whole_units });
  if (problem) throw invalid({ quantity: problem });
  if (!mayWrite(tx, w))
    throw forbidden({
      zh: '无权变动该仓库的库存（上级储备须经其审批调拨）',
      en: 'You may not move this warehouse’s stock (a higher level’s reserve moves on its approval)',
    });

  const delta = movementDelta(m.kind, Number(m.quantity));
  // The plan: [batch, delta] pairs, every batch locked first.
  const plan: { batch: BatchRow; delta: number }[] = [];
  if (m.stockId) {
    const [b] = await tx.query<BatchRow>(
      'SELECT id, batch_no, expires_on, quantity::float8 AS quantity, warehouse_id, item_id FROM supply_stock WHERE id = $1 AND warehouse_id = $2 AND item_id = $3 FOR UPDATE',
      [m.stockId, m.warehouseId, m.itemId],
    );
    if (!b) throw notFound();
    if (b.quantity + delta < 0) throw conflict(belowZeroMessage(b.quantity, item.unit));
    plan.push({ batch: b, delta });
  } else if (delta < 0 && m.kind !== 'adjust') {
    // FEFO over every batch of the item in the warehouse (locked in one order: no deadlock
    // between two takers).
    const batches = await tx.query<BatchRow>(
      `SELECT id, batch_no, expires_on, quantity::float8 AS quantity, warehouse_id, item_id FROM supply_stock
        WHERE warehouse_id = $1 AND item_id = $2
        ORDER BY id FOR UPDATE`,
      [m.warehouseId, m.itemId],
    );
    batches.sort((a, b) => {
      const ea = day(a.expires_on) ?? '9999-12-31';
      const eb = day(b.expires_on) ?? '9999-12-31';
      return ea < eb ? -1 : ea > eb ? 1 : a.batch_no.localeCompare(b.batch_no);
    });
    const total = batches.reduce((s, b) => s + b.quantity, 0);
    if (total + delta < -1e-9) throw conflict(belowZeroMessage(total, item.unit));
    let left = -delta;
    for (const b of batches) {
      if (left <= 1e-9) break;
      if (b.quantity <= 0) continue;
      const take = Math.min(b.quantity, left);
      plan.push({ batch: b, delta: -take });
      left = Number((left - take).toFixed(6));
    }
  } else {
    const batchNo = (m.batchNo ?? '').trim();
    await tx.query(
      `INSERT INTO supply_stock (warehouse_id, item_id, batch_no, expires_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (warehouse_id, item_id, batch_no) DO NOTHING`,
      [m.warehouseId, m.itemId, batchNo, m.expiresOn ?? null],
    );
    const [b] = await tx.query<BatchRow>(
      'SELECT id, batch_no, expires_on, quantity::float8 AS quantity, warehouse_id, item_id FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2 AND batch_no = $3 FOR UPDATE',
      [m.warehouseId, m.itemId, batchNo],
    );
    if (!b) throw notFound();
    if (b.quantity + delta < 0) throw conflict(belowZeroMessage(b.quantity, item.unit));
    if (m.expiresOn && !b.expires_on) await tx.query('UPDATE supply_stock SET expires_on = $2 WHERE id = $1', [b.id, m.expiresOn]);
    plan.push({ batch: b, delta });
  }

  const movements: PostedMovement[] = [];
  const at = m.at ? new Date(m.at).toISOString() : null;
  for (const { batch, delta: d } of plan) {
    let row: { id: string; balance: number } | undefined;
    try {
      [row] = await tx.query<{ id: string; balance: number }>(
        `INSERT INTO supply_movements (stock_id, warehouse_id, item_id, kind, delta, ref_type, ref_id, note, actor_id, actor_name, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::timestamptz, now()))
         RETURNING id, balance::float8 AS balance`,
        [
          batch.id,
          m.warehouseId,
          m.itemId,
          m.kind,
          d,
          m.refType ?? null,
          m.refId ?? null,
          m.note ?? '',
          actor?.id ?? null,
          actor?.username ?? 'system',
          at,
        ],
      );
    } catch (e) {
      // The database's own guard (should the plan above ever be wrong): still the 409 naming the balance.
      if ((e as { hint?: string }).hint === 'supply_stock_negative') {
        throw new AppError('conflict', belowZeroMessage(Number((e as { detail?: string }).detail ?? 0), item.unit));
      }
      throw e;
    }
    if (!row) throw new Error('movement not written');
    movements.push({
      movementId: row.id,
      stockId: batch.id,
      batchNo: batch.batch_no,
      expiresOn: day(batch.expires_on),
      delta: d,
      balance: row.balance,
    });
  }
  const [sum] = await tx.query<{ q: number }>(
    'SELECT coalesce(sum(quantity), 0)::float8 AS q FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2',
    [m.warehouseId, m.itemId],
  );
  const itemBalance = Number(sum?.q ?? 0);
  const last = movements[movements.length - 1];
  if (!last) throw new Error('no movement planned');

  await appendAudit(tx, actor ? { id: actor.id, username: actor.username } : { id: null, username: 'system' }, {
    action: 'supplies.movement',
    entityType: 'supplyWarehouse',
    entityId: m.warehouseId,
    regionCode: w.region_code,
    after: {
      kind: m.kind,
      itemId: m.itemId,
      itemName: item.name,
      quantity: m.quantity,
      unit: item.unit,
      refType: m.refType ?? null,
      refId: m.refId ?? null,
      movements: movements.map((x) => ({ id: x.movementId, stockId: x.stockId, batchNo: x.batchNo, delta: x.delta, balance: x.balance })),
    },
  });
  return { movementId: last.movementId, stockId: last.stockId, balance: last.balance, movements, itemBalance };
}

export type WarehouseStock = {
  warehouseId: string;
  warehouseName: string;
  kind: WarehouseKind;
  level: WarehouseLevel | null;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  itemId: string;
  quantity: number;
  expiresOn: string | null;
};

export async function stockByWarehouse(
  tx: Queryable,
  itemIds: readonly string[],
  options: { includeExpired?: boolean; regionPrefix?: string; today?: string } = {},
): Promise<WarehouseStock[]> {
  if (itemIds.length === 0) return [];
  const params: unknown[] = [itemIds];
  const filters = ['s.item_id = ANY($1::uuid[])', 's.quantity > 0', 'w.active'];
  if (!options.includeExpired) {
    params.push(options.today ?? null);
    filters.push(`(s.expires_on IS NULL OR s.expires_on >= coalesce($${params.length}::date, (now() AT TIME ZONE 'Asia/Shanghai')::date))`);
  }
  if (options.regionPrefix) filters.push(regionRange('w.region_code', options.regionPrefix, params));
  const rows = await tx.query<{
    warehouse_id: string;
    name: string;
    kind: WarehouseKind;
    level: WarehouseLevel | null;
    region_code: string;
    lat: number | null;
    lng: number | null;
    item_id: string;
    quantity: number;
    expires_on: Date | string | null;
  }>(
    `SELECT w.id AS warehouse_id, w.name, w.kind, w.level, w.region_code, w.lat, w.lng, s.item_id,
            sum(s.quantity)::float8 AS quantity, min(s.expires_on) AS expires_on
       FROM supply_stock s JOIN supply_warehouses w ON w.id = s.warehouse_id
      WHERE ${filters.join(' AND ')}
      GROUP BY w.id, w.name, w.kind, w.level, w.region_code, w.lat, w.lng, s.item_id
      ORDER BY w.id, s.item_id`,
    params,
  );
  return rows.map((r) => ({
    warehouseId: r.warehouse_id,
    warehouseName: r.name,
    kind: r.kind,
    level: r.level,
    regionCode: r.region_code,
    lat: r.lat,
    lng: r.lng,
    itemId: r.item_id,
    quantity: Number(r.quantity),
    expiresOn: day(r.expires_on),
  }));
}
