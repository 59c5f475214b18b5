// 物资调拨's SQL (migration 047): the request row and its lines with the quantities summed from the
// shipments, receipts and uses; the list's WHERE (shared with the 工作台 counts, so a count is the
// list's total); the shipments and the writes the commands make. Every request query runs on a
// Scoped handle: row-level security is the second wall, scopeFilter the first. Owner: dispatch.
import type { DispatchPriority, DispatchStatus } from '@taishan/domain';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';

export type RequestRow = {
  id: string;
  region_code: string;
  region_name: string | null;
  supplier_region_code: string;
  supplier_region_name: string | null;
  status: DispatchStatus;
  priority: DispatchPriority;
  purpose: string;
  event_ref: string | null;
  deliver_to: string;
  deliver_lat: number | null;
  deliver_lng: number | null;
  receiver_unit: string;
  receiver_name: string;
  receiver_phone: string;
  needed_by: Date | string;
  via_phone: boolean;
  phone_ordered_at: Date | string | null;
  written_at: Date | string | null;
  written_ref: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  submitted_at: Date | string | null;
  approved_by_name: string | null;
  approved_at: Date | string | null;
  approval_note: string | null;
  reject_reason: string | null;
  order_number: string | null;
  supplier_contact: string | null;
  supplier_phone: string | null;
  order_issued_at: Date | string | null;
  closed_at: Date | string | null;
  cancelled_at: Date | string | null;
  cancel_reason: string | null;
  open_shipments: number;
  version: number;
  created_at: Date | string;
};

export type LineRow = {
  id: string;
  request_id: string;
  position: number;
  item_id: string;
  item_name: string;
  spec: string;
  unit: string;
  whole_units: boolean;
  requested: number;
  approved: number | null;
  shipped: number;
  received: number;
  returned: number;
  consumed: number;
  note: string;
};

const SELECT = `SELECT q.*, r.name AS region_name, s.name AS supplier_region_name,
  (SELECT count(*)::int FROM dispatch_shipments x WHERE x.request_id = q.id AND x.status <> 'received') AS open_shipments
  FROM dispatch_requests q
  LEFT JOIN regions r ON r.code = q.region_code
  LEFT JOIN regions s ON s.code = q.supplier_region_code`;

const SCOPE = { region: 'q.region_code' };

export async function findRequest(tx: Scoped, id: string, forUpdate = false): Promise<RequestRow | undefined> {
  const params: unknown[] = [id];
  const where = tx.scope.enterpriseId !== null ? 'false' : scopeFilter({ ...tx.scope, industries: null }, params, SCOPE);
  const [r] = await tx.query<RequestRow>(`${SELECT} WHERE q.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF q' : ''}`, params);
  return r;
}

export async function linesOf(tx: Scoped, requestIds: string[]): Promise<LineRow[]> {
  if (requestIds.length === 0) return [];
  return tx.query<LineRow>(
    `SELECT l.id, l.request_id, l.position, l.item_id, i.name AS item_name, i.spec, i.unit, i.whole_units, l.note,
            l.quantity_requested::float8 AS requested, l.quantity_approved::float8 AS approved,
            coalesce(sh.shipped, 0)::float8 AS shipped, coalesce(sh.received, 0)::float8 AS received,
            coalesce(u.returned, 0)::float8 AS returned, coalesce(u.consumed, 0)::float8 AS consumed
       FROM dispatch_request_lines l
       JOIN supply_items i ON i.id = l.item_id
       LEFT JOIN LATERAL (SELECT sum(quantity) AS shipped, sum(received) AS received FROM dispatch_shipment_lines sl WHERE sl.request_line_id = l.id) sh ON true
       LEFT JOIN LATERAL (SELECT sum(quantity) FILTER (WHERE kind = 'returned') AS returned, sum(quantity) FILTER (WHERE kind = 'consumed') AS consumed
                            FROM dispatch_line_uses du WHERE du.request_line_id = l.id) u ON true
      WHERE l.request_id = ANY($1::uuid[])
      ORDER BY l.request_id, l.position`,
    [requestIds],
  );
}

/** The list's filters; the 工作台 items are some of them. `own` is the actor's own region code (12 digits). */
export type RequestFilter = {
  status?: DispatchStatus;
  priority?: DispatchPriority;
  q?: string;
  /** Requests the actor's level must approve. */
  toApprove?: boolean;
  /** Approved (order issued or not) with something still to ship, from the actor's level. */
  toShip?: boolean;
  /** The actor's own requests with a shipment on its way. */
  toReceive?: boolean;
  /** The actor's own phone orders still without their written request. */
  writtenDue?: boolean;
  /** Requests the actor's level made (mine) or must supply (supplying). */
  side?: 'mine' | 'supplying';
};

export function requestWhere(tx: Scoped, f: RequestFilter, own: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts = [tx.scope.enterpriseId !== null ? 'false' : scopeFilter({ ...tx.scope, industries: null }, params, SCOPE)];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.status) parts.push(`q.status = ${p(f.status)}`);
  if (f.priority) parts.push(`q.priority = ${p(f.priority)}`);
  if (f.q) {
    const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    parts.push(`(q.purpose ILIKE ${like} OR q.deliver_to ILIKE ${like} OR q.receiver_unit ILIKE ${like} OR q.order_number ILIKE ${like})`);
  }
  if (f.side === 'mine') parts.push(`q.region_code = ${p(own)}`);
  if (f.side === 'supplying') parts.push(`q.supplier_region_code = ${p(own)}`);
  if (f.toApprove) parts.push(`q.status = 'submitted' AND q.supplier_region_code = ${p(own)}`);
  if (f.toShip)
    parts.push(`q.status IN ('approved', 'partlyApproved', 'dispatched', 'inTransit', 'partlyReceived') AND q.supplier_region_code = ${p(own)}
      AND EXISTS (SELECT 1 FROM dispatch_request_lines l WHERE l.request_id = q.id AND coalesce(l.quantity_approved, 0) >
        coalesce((SELECT sum(sl.quantity) FROM dispatch_shipment_lines sl WHERE sl.request_line_id = l.id), 0))`);
  if (f.toReceive)
    parts.push(`q.region_code = ${p(own)} AND q.status IN ('inTransit', 'partlyReceived')
      AND EXISTS (SELECT 1 FROM dispatch_shipments x WHERE x.request_id = q.id AND x.status <> 'received')`);
  if (f.writtenDue)
    parts.push(`q.region_code = ${p(own)} AND q.via_phone AND q.written_at IS NULL AND q.status NOT IN ('cancelled', 'rejected')`);
  return { sql: parts.join(' AND '), params };
}

export async function listRequestRows(tx: Scoped, w: { sql: string; params: unknown[] }, limit: number, offset: number) {
  const [rows, [c]] = await Promise.all([
    tx.query<RequestRow>(
      `${SELECT} WHERE ${w.sql}
       ORDER BY CASE q.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, q.needed_by, q.created_at DESC
       LIMIT ${limit} OFFSET ${offset}`,
      w.params,
    ),
    tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispatch_requests q WHERE ${w.sql}`, w.params),
  ]);
  return { rows, total: c?.n ?? 0 };
}

export async function countRequests(tx: Scoped, w: { sql: string; params: unknown[] }) {
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispatch_requests q WHERE ${w.sql}`, w.params);
  return c?.n ?? 0;
}

export type ShipmentRow = {
  id: string;
  request_id: string;
  warehouse_id: string;
  warehouse_name: string;
  vehicle: string;
  driver_name: string;
  driver_phone: string;
  eta: Date | string | null;
  status: 'inTransit' | 'partlyReceived' | 'received';
  shipped_by_name: string | null;
  shipped_at: Date | string;
};
export type ShipmentLineRow = {
  id: string;
  shipment_id: string;
  request_line_id: string;
  item_id: string;
  item_name: string;
  unit: string;
  whole_units: boolean;
  quantity: number;
  received: number;
  out_batches: { batchNo: string; expiresOn: string | null; quantity: number }[];
};

export async function shipmentsOf(tx: Scoped, requestId: string, forUpdate = false) {
  const shipments = await tx.query<ShipmentRow>(
    `SELECT x.*, w.name AS warehouse_name FROM dispatch_shipments x JOIN supply_warehouses w ON w.id = x.warehouse_id
      WHERE x.request_id = $1 ORDER BY x.shipped_at${forUpdate ? ' FOR UPDATE OF x' : ''}`,
    [requestId],
  );
  const lines = await tx.query<ShipmentLineRow>(
    `SELECT sl.id, sl.shipment_id, sl.request_line_id, l.item_id, i.name AS item_name, i.unit, i.whole_units,
            sl.quantity::float8 AS quantity, sl.received::float8 AS received, sl.out_batches
       FROM dispatch_shipment_lines sl JOIN dispatch_request_lines l ON l.id = sl.request_line_id JOIN supply_items i ON i.id = l.item_id
      WHERE sl.shipment_id = ANY($1::uuid[]) ORDER BY l.position`,
    [shipments.map((s) => s.id)],
  );
  return { shipments, lines };
}

export async function updateRequest(tx: Scoped, id: string, set: Record<string, unknown>, now: Date) {
  const keys = Object.keys(set);
  const params: unknown[] = [id, now.toISOString(), ...keys.map((k) => set[k])];
  await tx.query(
    `UPDATE dispatch_requests SET ${keys.map((k, i) => `${k} = $${i + 3}`).join(', ')}${keys.length ? ', ' : ''}
       updated_at = $2, version = version + 1 WHERE id = $1`,
    params,
  );
}

export async function insertEvent(
  tx: Scoped,
  e: {
    requestId: string;
    action: string;
    from: string | null;
    to: string;
    actorId: string | null;
    actorName: string;
    note: string | null;
    at: Date;
  },
) {
  await tx.query(
    `INSERT INTO dispatch_events (request_id, action, from_status, to_status, actor_id, actor_name, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.requestId, e.action, e.from, e.to, e.actorId, e.actorName, e.note, e.at.toISOString()],
  );
}

export const eventsOf = (tx: Scoped, requestId: string) =>
  tx.query<{
    action: string;
    from_status: string | null;
    to_status: string;
    actor_name: string | null;
    note: string | null;
    at: Date | string;
  }>('SELECT action, from_status, to_status, actor_name, note, at FROM dispatch_events WHERE request_id = $1 ORDER BY at, id', [requestId]);

/** The region codes in the prefix range (for the replenishment list's filter). */
export const regionFilter = (column: string, prefix: string, params: unknown[]) => regionRange(column, prefix, params);

/**
 * The proposal's stock: per government warehouse of the given owning levels and item, the
 * available quantity (unexpired batches). The same rule as the ledger's stockByWarehouse, narrowed
 * to the two levels the proposal ranks and grouped by ids only: over 1,000 warehouses the general
 * function's wide GROUP BY spilled to disk and took ~300 ms on PostgreSQL (the benchmark's target is
 * 200 ms for the whole proposal). The batches carry their warehouse's scope columns (migration 046).
 */
export async function proposalStock(tx: Scoped, itemIds: string[], ownerPrefixes: string[]) {
  if (itemIds.length === 0) return { stock: [], warehouses: [] };
  const [stock, warehouses] = await Promise.all([
    tx.query<{ warehouse_id: string; item_id: string; quantity: number }>(
      `SELECT s.warehouse_id, s.item_id, sum(s.quantity)::float8 AS quantity FROM supply_stock s
        WHERE s.item_id = ANY($1::uuid[]) AND s.quantity > 0 AND s.kind = 'government' AND s.owner_prefix = ANY($2::text[])
          AND (s.expires_on IS NULL OR s.expires_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
        GROUP BY s.warehouse_id, s.item_id`,
      [itemIds, ownerPrefixes],
    ),
    tx.query<{ id: string; name: string; lat: number | null; lng: number | null; owner_prefix: string }>(
      `SELECT id, name, lat, lng, owner_prefix FROM supply_warehouses WHERE active AND kind = 'government' AND owner_prefix = ANY($1::text[])`,
      [ownerPrefixes],
    ),
  ]);
  return { stock, warehouses };
}
