// 物资调拨's commands and reads (issue 27): a request (or an emergency phone order) from a township,
// county or city to the level above; approval with quantities per line by the level that owns the
// stock; the numbered 调拨指令; the proposal of warehouses; shipments (stock leaves through the
// supplies ledger, 'out'); receipts (partial allowed; into the receiver's warehouse, 'in'); returns,
// consumption, closing; the replenishment list. Rules are domain's (dispatchTransition,
// checkApproval, checkShipment, checkReceipt, proposeWarehouses); SQL is dispatch-store.ts. Every
// command locks the request, checks the version and writes its audit event in the same
// transaction, after the ledger's movements (the ledger's lock order). Owner: dispatch.
import {
  type Actor,
  abovePrefix,
  checkAfterUse,
  checkApproval,
  checkReceipt,
  checkShipment,
  DISPATCH_ACTIONS,
  DISPATCH_PRIORITIES,
  DISPATCH_STATUSES,
  DISPATCH_STEP_SCHEMAS,
  type DispatchAction,
  type DispatchView,
  dispatchAllowedActions,
  dispatchRequestSchema,
  dispatchTransition,
  fieldMessages,
  isSupplierSide,
  mayRequestSupplies,
  mayViewDispatch,
  type ProposalWarehouse,
  proposeWarehouses,
  regionPrefix,
  replenishmentOf,
  shipmentStatus,
  statusAfterApproval,
  statusFromMovement,
  supplierRegionsFor,
  writtenOrderClock,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { issueDispatchOrder } from './dispatch-documents.ts';
import {
  countRequests,
  eventsOf,
  findRequest,
  insertEvent,
  type LineRow,
  linesOf,
  listRequestRows,
  proposalStock,
  type RequestFilter,
  type RequestRow,
  requestWhere,
  shipmentsOf,
  updateRequest,
} from './dispatch-store.ts';
import { postMovement } from './supplies-ledger.ts';

const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;
/** The actor's own region code (12 digits); '' for the admin. */
export const ownRegion = (a: Actor) => (a.scope.regionPrefix ? a.scope.regionPrefix.padEnd(12, '0') : '');

const lineQty = (l: LineRow) => ({
  requested: Number(l.requested),
  approved: l.approved === null ? null : Number(l.approved),
  shipped: Number(l.shipped),
  received: Number(l.received),
  returned: Number(l.returned),
  consumed: Number(l.consumed),
});

const viewOf = (r: RequestRow, lines: LineRow[]): DispatchView => ({
  status: r.status,
  regionCode: r.region_code,
  supplierRegionCode: r.supplier_region_code,
  requestedBy: r.requested_by,
  viaPhone: r.via_phone,
  phoneOrderedAt: iso(r.phone_ordered_at),
  writtenAt: iso(r.written_at),
  lines: lines.map(lineQty),
  openShipments: Number(r.open_shipments),
});

async function writtenHours(tx: Scoped, regionCode: string) {
  return Number(await effectiveSetting(tx, 'dispatch.writtenOrderHours', regionCode));
}

function lineView(l: LineRow) {
  const q = lineQty(l);
  return {
    id: l.id,
    itemId: l.item_id,
    itemName: l.item_name,
    spec: l.spec,
    unit: l.unit,
    wholeUnits: l.whole_units,
    note: l.note,
    ...q,
    inTransit: Math.max(0, q.shipped - q.received),
    replenish: replenishmentOf(q),
  };
}

function item(actor: Actor, r: RequestRow, lines: LineRow[], hours: number, now: Date) {
  const v = viewOf(r, lines);
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    supplierRegionCode: r.supplier_region_code,
    supplierRegionName: r.supplier_region_name,
    status: r.status,
    priority: r.priority,
    purpose: r.purpose,
    eventRef: r.event_ref,
    deliverTo: r.deliver_to,
    deliverLat: r.deliver_lat,
    deliverLng: r.deliver_lng,
    receiverUnit: r.receiver_unit,
    receiverName: r.receiver_name,
    receiverPhone: r.receiver_phone,
    neededBy: iso(r.needed_by),
    viaPhone: r.via_phone,
    phoneOrderedAt: iso(r.phone_ordered_at),
    writtenAt: iso(r.written_at),
    writtenRef: r.written_ref,
    writtenClock:
      r.via_phone && !r.written_at && r.phone_ordered_at
        ? writtenOrderClock(iso(r.phone_ordered_at) as string, hours, now.toISOString())
        : null,
    writtenHours: hours,
    requestedByName: r.requested_by_name,
    submittedAt: iso(r.submitted_at),
    approvedByName: r.approved_by_name,
    approvedAt: iso(r.approved_at),
    approvalNote: r.approval_note,
    rejectReason: r.reject_reason,
    orderNumber: r.order_number,
    orderIssuedAt: iso(r.order_issued_at),
    supplierContact: r.supplier_contact,
    supplierPhone: r.supplier_phone,
    closedAt: iso(r.closed_at),
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    openShipments: Number(r.open_shipments),
    createdAt: iso(r.created_at),
    version: r.version,
    lines: lines.map(lineView),
    allowedActions: dispatchAllowedActions(actor, v),
  };
}
export type DispatchItem = ReturnType<typeof item>;

// ---- reading --------------------------------------------------------------------------------------

const flag = z.enum(['true'], { message: '应为 true||Must be true' }).optional();
export const dispatchListQuerySchema = z.object({
  status: z.enum(DISPATCH_STATUSES, { message: '未知的状态||Unknown status' }).optional(),
  priority: z.enum(DISPATCH_PRIORITIES, { message: '未知的紧急程度||Unknown priority' }).optional(),
  side: z.enum(['mine', 'supplying'], { message: '未知的分类||Unknown side' }).optional(),
  q: z.string().trim().max(100, '最多 100 个字符||At most 100 characters').optional(),
  toApprove: flag,
  toShip: flag,
  toReceive: flag,
  writtenDue: flag,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type DispatchListQuery = z.infer<typeof dispatchListQuerySchema>;

const filterOf = (q: DispatchListQuery): RequestFilter => ({
  status: q.status,
  priority: q.priority,
  side: q.side,
  q: q.q,
  toApprove: !!q.toApprove,
  toShip: !!q.toShip,
  toReceive: !!q.toReceive,
  writtenDue: !!q.writtenDue,
});

export function listRequests(db: Db, actor: Actor, q: DispatchListQuery, now = new Date()) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listRequestRows(
      tx,
      requestWhere(tx, filterOf(q), ownRegion(actor)),
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const lines = await linesOf(
      tx,
      rows.map((r) => r.id),
    );
    const hours = new Map<string, number>();
    const items = [];
    for (const r of rows) {
      const p = r.region_code.slice(0, 2);
      if (!hours.has(p)) hours.set(p, await writtenHours(tx, r.region_code));
      items.push(
        item(
          actor,
          r,
          lines.filter((l) => l.request_id === r.id),
          hours.get(p) as number,
          now,
        ),
      );
    }
    return { items, total };
  });
}

/** The 工作台's count, with the list's own WHERE. */
export const countRequestsFor = (tx: Scoped, actor: Actor, q: DispatchListQuery) =>
  countRequests(tx, requestWhere(tx, filterOf(q), ownRegion(actor)));

async function detail(tx: Scoped, actor: Actor, r: RequestRow, now: Date) {
  const [lines, ship, events, hours, order] = await Promise.all([
    linesOf(tx, [r.id]),
    shipmentsOf(tx, r.id),
    eventsOf(tx, r.id),
    writtenHours(tx, r.region_code),
    tx.query<{ id: string; number: string; issued_at: Date | string }>(
      'SELECT id, number, issued_at FROM dispatch_orders WHERE request_id = $1',
      [r.id],
    ),
  ]);
  const receipts = await tx.query<{
    id: string;
    shipment_id: string;
    receiver_name: string;
    warehouse_id: string | null;
    lines: unknown;
    note: string;
    received_at: Date | string;
  }>(
    `SELECT id, shipment_id, receiver_name, warehouse_id, lines, note, received_at FROM dispatch_receipts
      WHERE shipment_id = ANY($1::uuid[]) ORDER BY received_at`,
    [ship.shipments.map((s) => s.id)],
  );
  return {
    ...item(actor, r, lines, hours, now),
    order: order[0] ? { id: order[0].id, number: order[0].number, issuedAt: iso(order[0].issued_at) } : null,
    shipments: ship.shipments.map((s) => ({
      id: s.id,
      warehouseId: s.warehouse_id,
      warehouseName: s.warehouse_name,
      vehicle: s.vehicle,
      driverName: s.driver_name,
      driverPhone: s.driver_phone,
      eta: iso(s.eta),
      status: s.status,
      shippedByName: s.shipped_by_name,
      shippedAt: iso(s.shipped_at),
      lines: ship.lines
        .filter((l) => l.shipment_id === s.id)
        .map((l) => ({
          id: l.id,
          requestLineId: l.request_line_id,
          itemId: l.item_id,
          itemName: l.item_name,
          unit: l.unit,
          wholeUnits: l.whole_units,
          quantity: Number(l.quantity),
          received: Number(l.received),
        })),
      receipts: receipts
        .filter((x) => x.shipment_id === s.id)
        .map((x) => ({
          id: x.id,
          receiverName: x.receiver_name,
          warehouseId: x.warehouse_id,
          lines: x.lines,
          note: x.note,
          receivedAt: iso(x.received_at),
        })),
    })),
    events: events.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      at: iso(e.at),
    })),
  };
}
export type DispatchDetail = Awaited<ReturnType<typeof detail>>;

export function getRequest(db: Db, actor: Actor, id: string, now = new Date()) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findRequest(tx, id);
    if (!r) throw notFound();
    return detail(tx, actor, r, now);
  });
}

/** What the request form offers: the items of the catalogue, the levels one may ask, the own warehouses. */
export function dispatchOptions(db: Db, actor: Actor) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const items = await tx.query<{ id: string; name: string; spec: string; unit: string; whole_units: boolean; category_code: string }>(
      'SELECT id, name, spec, unit, whole_units, category_code FROM supply_items WHERE active ORDER BY category_code, name LIMIT 2000',
    );
    const own = ownRegion(actor);
    const suppliers = own ? supplierRegionsFor(own) : [];
    const names = await tx.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE code = ANY($1::text[])', [
      suppliers,
    ]);
    const warehouses = own
      ? await tx.query<{ id: string; name: string; kind: string; level: string | null; region_code: string }>(
          `SELECT id, name, kind, level, region_code FROM supply_warehouses
            WHERE active AND kind = 'government' AND region_code = $1 ORDER BY name`,
          [own],
        )
      : [];
    return {
      items: items.map((i) => ({
        id: i.id,
        name: i.name,
        spec: i.spec,
        unit: i.unit,
        wholeUnits: i.whole_units,
        categoryCode: i.category_code,
      })),
      suppliers: suppliers.map((code) => ({ code, name: names.find((n) => n.code === code)?.name ?? code })),
      ownWarehouses: warehouses.map((w) => ({ id: w.id, name: w.name, level: w.level })),
      mayRequest: mayRequestSupplies(actor),
    };
  });
}

// ---- creating -----------------------------------------------------------------------------------------

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data;
}

export async function createRequest(db: Db, actor: Actor, body: unknown, now = new Date()) {
  if (!mayRequestSupplies(actor)) throw forbidden();
  const b = parse(dispatchRequestSchema, body);
  const own = ownRegion(actor);
  const suppliers = supplierRegionsFor(own);
  const supplier = b.supplierRegionCode ?? suppliers[0];
  if (!supplier || !suppliers.includes(supplier))
    throw invalid({ supplierRegionCode: { zh: '只能向上级申请调拨', en: 'A request goes to a level above yours' } });
  if (Date.parse(b.neededBy) < now.getTime() - 86_400_000)
    throw invalid({ neededBy: { zh: '需要时间不能早于昨天', en: 'The time needed cannot be in the past' } });
  return withScope(db, actor.scope, async (tx) => {
    const items = await tx.query<{ id: string; whole_units: boolean; active: boolean }>(
      'SELECT id, whole_units, active FROM supply_items WHERE id = ANY($1::uuid[])',
      [b.lines.map((l) => l.itemId)],
    );
    const errors: Record<string, { zh: string; en: string }> = {};
    b.lines.forEach((l, i) => {
      const it = items.find((x) => x.id === l.itemId);
      if (!it?.active) errors[`lines.${i}.itemId`] = { zh: '物资不存在', en: 'Unknown item' };
      else if (!(l.quantity > 0)) errors[`lines.${i}.quantity`] = { zh: '数量应大于0', en: 'The quantity must be above zero' };
      else if (it.whole_units && !Number.isInteger(l.quantity))
        errors[`lines.${i}.quantity`] = { zh: '该物资按整数计量，请填写整数', en: 'This item is counted in whole units' };
    });
    if (Object.keys(errors).length) throw invalid(errors);
    // A phone order is submitted the moment it is taken: its clock starts then.
    const submit = b.submit || b.viaPhone;
    const at = now.toISOString();
    const [r] = await tx.query<{ id: string }>(
      `INSERT INTO dispatch_requests (region_code, supplier_region_code, status, priority, purpose, event_ref, deliver_to, deliver_lat, deliver_lng,
         receiver_unit, receiver_name, receiver_phone, needed_by, via_phone, phone_ordered_at, requested_by, requested_by_name, submitted_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`,
      [
        own,
        supplier,
        submit ? 'submitted' : 'draft',
        b.priority,
        b.purpose,
        b.eventRef ?? null,
        b.deliverTo,
        b.deliverLat ?? null,
        b.deliverLng ?? null,
        b.receiverUnit,
        b.receiverName,
        b.receiverPhone,
        b.neededBy,
        b.viaPhone,
        b.viaPhone ? at : null,
        actor.id,
        nameOf(actor),
        submit ? at : null,
        at,
      ],
    );
    const id = (r as { id: string }).id;
    for (const [i, l] of b.lines.entries())
      await tx.query(
        'INSERT INTO dispatch_request_lines (request_id, position, item_id, quantity_requested, note) VALUES ($1, $2, $3, $4, $5)',
        [id, i + 1, l.itemId, l.quantity, l.note ?? ''],
      );
    await insertEvent(tx, {
      requestId: id,
      action: 'create',
      from: null,
      to: submit ? 'submitted' : 'draft',
      actorId: actor.id,
      actorName: nameOf(actor),
      note: b.viaPhone ? '电话紧急调拨' : null,
      at: now,
    });
    await appendAudit(tx, actor, {
      action: submit ? 'dispatch.submit' : 'dispatch.create',
      entityType: 'dispatchRequest',
      entityId: id,
      regionCode: own,
      after: { supplierRegionCode: supplier, priority: b.priority, viaPhone: b.viaPhone, lines: b.lines },
    });
    return detail(tx, actor, (await findRequest(tx, id)) as RequestRow, now);
  });
}

// ---- the steps -----------------------------------------------------------------------------------------

export const dispatchStepParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  action: z.enum(DISPATCH_ACTIONS, { message: '未知的操作||Unknown step' }),
});

const REFUSED = { zh: '当前状态不能进行此操作', en: 'Not possible in the current state' };

/** One step of a request (403/409 carry allowedActions). */
export async function takeDispatchStep(db: Db, actor: Actor, id: string, action: DispatchAction, body: unknown, now = new Date()) {
  if (!mayViewDispatch(actor)) throw forbidden();
  const b = parse(DISPATCH_STEP_SCHEMAS[action], body) as Record<string, unknown> & { version: number };
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockForCommand(tx, id, {
      find: findRequest,
      version: b.version,
      versionOf: (x) => x.version,
    });
    const lines = await linesOf(tx, [r.id]);
    const v = viewOf(r, lines);
    const t = dispatchTransition(actor, v, action);
    if (!t.ok) {
      const allowedActions = dispatchAllowedActions(actor, v);
      throw t.reason === 'forbidden'
        ? new AppError(
            'forbidden',
            isSupplierStep(action)
              ? { zh: '只有储备所属的审批层级可以办理（下级不能动用上级储备）', en: 'Only the level that owns the stock may do this' }
              : undefined,
            undefined,
            { allowedActions },
          )
        : new AppError('conflict', REFUSED, undefined, { allowedActions });
    }
    const at = now.toISOString();
    let set: Record<string, unknown> = {};
    let to = r.status;
    let note: string | null = null;
    let audit: Record<string, unknown> = {};
    switch (action) {
      case 'submit':
        to = 'submitted';
        set = { status: to, submitted_at: at };
        break;
      case 'approve': {
        const approved = b.lines as { lineId: string; quantity: number }[];
        const errors = checkApproval(
          lines.map((l) => ({ id: l.id, requested: Number(l.requested), wholeUnits: l.whole_units })),
          approved,
        );
        if (Object.keys(errors).length) throw invalid(errors);
        for (const a of approved)
          await tx.query('UPDATE dispatch_request_lines SET quantity_approved = $2 WHERE id = $1', [a.lineId, a.quantity]);
        to = statusAfterApproval(
          lines.map((l) => ({ requested: Number(l.requested), approved: approved.find((a) => a.lineId === l.id)?.quantity ?? 0 })),
        );
        note = (b.note as string | undefined) ?? null;
        set = { status: to, approved_by: actor.id, approved_by_name: nameOf(actor), approved_at: at, approval_note: note };
        audit = { lines: approved };
        break;
      }
      case 'reject':
        to = 'rejected';
        note = b.reason as string;
        set = { status: to, reject_reason: note, approved_by: actor.id, approved_by_name: nameOf(actor), approved_at: at };
        break;
      case 'issueOrder': {
        to = 'dispatched';
        const number = await issueDispatchOrder(
          tx,
          actor,
          r,
          lines,
          { contact: b.supplierContact as string, phone: b.supplierPhone as string },
          now,
        );
        set = {
          status: to,
          order_number: number,
          order_issued_at: at,
          supplier_contact: b.supplierContact,
          supplier_phone: b.supplierPhone,
        };
        note = number;
        audit = { orderNumber: number };
        break;
      }
      case 'ship': {
        const ship = b.lines as { lineId: string; quantity: number }[];
        const errors = checkShipment(
          lines.map((l) => ({ id: l.id, approved: Number(l.approved ?? 0), shipped: Number(l.shipped), wholeUnits: l.whole_units })),
          ship,
        );
        if (Object.keys(errors).length) throw invalid(errors);
        const [w] = await tx.query<{ id: string; kind: string; region_code: string; active: boolean; name: string }>(
          'SELECT id, kind, region_code, active, name FROM supply_warehouses WHERE id = $1',
          [b.warehouseId],
        );
        // Only the approving level's own reserve: a higher level's moves on that level's approval.
        if (!w?.active || w.kind !== 'government' || regionPrefix(w.region_code) !== actor.scope.regionPrefix)
          throw invalid({
            warehouseId: {
              zh: '只能从本级政府储备仓库发运（上级储备须经上级审批）',
              en: 'Ship from your own level’s reserve (a higher level’s needs its approval)',
            },
          });
        const [s] = await tx.query<{ id: string }>(
          `INSERT INTO dispatch_shipments (request_id, warehouse_id, vehicle, driver_name, driver_phone, eta, shipped_by, shipped_by_name, shipped_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [r.id, w.id, b.vehicle, b.driverName, b.driverPhone, b.eta ?? null, actor.id, nameOf(actor), at],
        );
        const shipmentId = (s as { id: string }).id;
        for (const [i, sl] of ship.entries()) {
          const l = lines.find((x) => x.id === sl.lineId) as LineRow;
          let moved: Awaited<ReturnType<typeof postMovement>>;
          try {
            moved = await postMovement(tx, actor, {
              warehouseId: w.id,
              itemId: l.item_id,
              kind: 'out',
              quantity: sl.quantity,
              refType: 'dispatchShipment',
              refId: shipmentId,
              note: `调拨出库 ${r.order_number ?? ''}`.trim(),
            });
          } catch (e) {
            // The ledger's 409 names the balance: pin it on the line.
            if (e instanceof AppError && e.code === 'conflict') throw invalid({ [`lines.${i}.quantity`]: e.messages }, e.messages);
            throw e;
          }
          await tx.query(
            'INSERT INTO dispatch_shipment_lines (shipment_id, request_line_id, quantity, out_batches) VALUES ($1, $2, $3, $4)',
            [
              shipmentId,
              l.id,
              sl.quantity,
              JSON.stringify(moved.movements.map((m) => ({ batchNo: m.batchNo, expiresOn: m.expiresOn, quantity: -m.delta }))),
            ],
          );
        }
        const after = lines.map((l) => ({
          ...lineQty(l),
          shipped: Number(l.shipped) + ship.filter((x) => x.lineId === l.id).reduce((a, x) => a + x.quantity, 0),
        }));
        to = statusFromMovement(after);
        note = `${w.name} · ${b.vehicle} · ${b.driverName}`;
        set = { status: to };
        audit = { shipmentId, warehouseId: w.id, vehicle: b.vehicle, driverName: b.driverName, lines: ship };
        break;
      }
      case 'receive': {
        const { shipments, lines: sls } = await shipmentsOf(tx, r.id, true);
        const s = shipments.find((x) => x.id === b.shipmentId);
        if (!s || s.status === 'received') throw invalid({ shipmentId: { zh: '该批次不在途', en: 'This shipment is not in transit' } });
        const mine = sls.filter((x) => x.shipment_id === s.id);
        const rec = b.lines as { shipmentLineId: string; quantity: number }[];
        const errors = checkReceipt(
          mine.map((x) => ({ id: x.id, quantity: Number(x.quantity), received: Number(x.received), wholeUnits: x.whole_units })),
          rec,
        );
        if (Object.keys(errors).length) throw invalid(errors);
        let warehouse: { id: string; name: string } | undefined;
        if (b.warehouseId) {
          [warehouse] = await tx.query<{ id: string; name: string }>(
            `SELECT id, name FROM supply_warehouses WHERE id = $1 AND active AND kind = 'government' AND region_code = $2`,
            [b.warehouseId, ownRegion(actor)],
          );
          if (!warehouse) throw invalid({ warehouseId: { zh: '只能入本单位的仓库', en: 'Receive into your own warehouse' } });
        }
        for (const x of rec) {
          if (x.quantity === 0) continue;
          const sl = mine.find((m) => m.id === x.shipmentLineId) as (typeof mine)[number];
          if (warehouse) {
            // Into the batches the goods left (FEFO order), so their expiry follows them.
            let left = x.quantity;
            let skip = Number(sl.received);
            for (const ob of sl.out_batches) {
              const avail = Math.max(0, ob.quantity - skip);
              skip = Math.max(0, skip - ob.quantity);
              const q = Math.min(left, avail);
              if (q <= 0) continue;
              await postMovement(tx, actor, {
                warehouseId: warehouse.id,
                itemId: sl.item_id,
                kind: 'in',
                quantity: q,
                batchNo: ob.batchNo,
                expiresOn: ob.expiresOn,
                refType: 'dispatchReceipt',
                refId: s.id,
                note: `调拨入库 ${r.order_number ?? ''}`.trim(),
              });
              left -= q;
            }
            if (left > 0)
              await postMovement(tx, actor, {
                warehouseId: warehouse.id,
                itemId: sl.item_id,
                kind: 'in',
                quantity: left,
                refType: 'dispatchReceipt',
                refId: s.id,
              });
          }
          await tx.query('UPDATE dispatch_shipment_lines SET received = received + $2 WHERE id = $1', [x.shipmentLineId, x.quantity]);
        }
        // The shipment's status from what is stored after the update.
        const stored = await tx.query<{ quantity: number; received: number }>(
          'SELECT quantity::float8 AS quantity, received::float8 AS received FROM dispatch_shipment_lines WHERE shipment_id = $1',
          [s.id],
        );
        const newLines = stored.map((m) => ({ quantity: Number(m.quantity), received: Number(m.received) }));
        await tx.query('UPDATE dispatch_shipments SET status = $2 WHERE id = $1', [s.id, shipmentStatus(newLines)]);
        await tx.query(
          'INSERT INTO dispatch_receipts (shipment_id, receiver_name, warehouse_id, lines, note, received_by, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [s.id, b.receiverName, warehouse?.id ?? null, JSON.stringify(rec), (b.note as string | undefined) ?? '', actor.id, at],
        );
        const after = await linesOf(tx, [r.id]);
        to = statusFromMovement(after.map(lineQty));
        note = `${b.receiverName}${warehouse ? ` → ${warehouse.name}` : ''}`;
        set = { status: to };
        audit = { shipmentId: s.id, lines: rec, warehouseId: warehouse?.id ?? null };
        break;
      }
      case 'confirmWritten':
        note = b.writtenRef as string;
        set = { written_at: at, written_ref: note };
        break;
      case 'consume':
      case 'returnGoods': {
        const l = lines.find((x) => x.id === b.lineId);
        if (!l) throw invalid({ lineId: { zh: '不是本申请的物资', en: 'Not a line of this request' } });
        const errors = checkAfterUse({ ...lineQty(l), wholeUnits: l.whole_units }, b.quantity as number);
        if (Object.keys(errors).length) throw invalid(errors);
        if (action === 'returnGoods') {
          const [w] = await tx.query<{ id: string; region_code: string; kind: string }>(
            'SELECT id, region_code, kind FROM supply_warehouses WHERE id = $1',
            [b.warehouseId],
          );
          if (w?.kind !== 'government' || regionPrefix(w.region_code) !== actor.scope.regionPrefix)
            throw invalid({ warehouseId: { zh: '请选择本级储备仓库', en: 'Choose a reserve of your level' } });
          // The goods leave where they were received into first: each receiving warehouse gives back
          // up to what this line put into it, less what earlier returns already took out of it (the
          // rest was received on site, outside a warehouse). Stock moves, it is not created.
          const held = await tx.query<{ warehouse_id: string; q: number }>(
            `SELECT rc.warehouse_id, sum((e->>'quantity')::numeric)::float8 AS q, min(rc.received_at) AS first_at
               FROM dispatch_receipts rc
               CROSS JOIN LATERAL jsonb_array_elements(rc.lines) e
               JOIN dispatch_shipment_lines sl ON sl.id::text = e->>'shipmentLineId'
              WHERE rc.warehouse_id IS NOT NULL AND sl.request_line_id = $1
              GROUP BY rc.warehouse_id ORDER BY first_at, rc.warehouse_id`,
            [l.id],
          );
          let left = b.quantity as number;
          for (const h of held) {
            if (left <= 1e-9) break;
            const [taken] = await tx.query<{ q: number }>(
              `SELECT coalesce(-sum(delta), 0)::float8 AS q FROM supply_movements
                WHERE ref_type = 'dispatchReturnOut' AND ref_id = $1 AND warehouse_id = $2`,
              [l.id, h.warehouse_id],
            );
            const q = Math.min(left, Number(h.q) - Number(taken?.q ?? 0));
            if (q <= 1e-9) continue;
            try {
              await postMovement(tx, actor, {
                warehouseId: h.warehouse_id,
                itemId: l.item_id,
                kind: 'out',
                quantity: q,
                refType: 'dispatchReturnOut',
                refId: l.id,
                note: `调拨回收出库 ${r.order_number ?? ''}`.trim(),
              });
            } catch (e) {
              // The ledger's 409 names the receiving warehouse's balance: pin it on the quantity.
              if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', e.messages, { quantity: e.messages });
              throw e;
            }
            left = Number((left - q).toFixed(6));
          }
          await postMovement(tx, actor, {
            warehouseId: w.id,
            itemId: l.item_id,
            kind: 'in',
            quantity: b.quantity as number,
            refType: 'dispatchReturn',
            refId: r.id,
            note: `调拨回收 ${r.order_number ?? ''}`.trim(),
          });
        }
        await tx.query(
          'INSERT INTO dispatch_line_uses (request_line_id, kind, quantity, warehouse_id, note, by_id, by_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [
            l.id,
            action === 'consume' ? 'consumed' : 'returned',
            b.quantity,
            action === 'returnGoods' ? b.warehouseId : null,
            (b.note as string) ?? '',
            actor.id,
            nameOf(actor),
            at,
          ],
        );
        note = `${l.item_name} ${b.quantity}${l.unit}`;
        audit = { lineId: l.id, quantity: b.quantity, warehouseId: b.warehouseId ?? null };
        break;
      }
      case 'close':
        to = 'closed';
        note = (b.note as string | undefined) ?? null;
        set = { status: to, closed_at: at };
        break;
      case 'cancel':
        to = 'cancelled';
        note = b.reason as string;
        set = { status: to, cancelled_at: at, cancel_reason: note };
        break;
    }
    await updateRequest(tx, r.id, set, now);
    await insertEvent(tx, { requestId: r.id, action, from: r.status, to, actorId: actor.id, actorName: nameOf(actor), note, at: now });
    await appendAudit(tx, actor, {
      action: `dispatch.${action}`,
      entityType: 'dispatchRequest',
      entityId: r.id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: to, note, ...audit },
    });
    return detail(tx, actor, (await findRequest(tx, r.id)) as RequestRow, now);
  });
}

const isSupplierStep = (a: DispatchAction) => ['approve', 'reject', 'issueOrder', 'ship', 'returnGoods'].includes(a);

// ---- the proposal --------------------------------------------------------------------------------------

/**
 * The dispatch plan's proposal for what is still to ship (approved − shipped; before approval, the
 * requested quantities): the approving level's reserves nearest first, then the level above's
 * (which the approving level sees but cannot move without that level's approval), and the
 * designated producers of a line the reserves cannot cover. Straight-line distance only.
 */
export function dispatchProposal(db: Db, actor: Actor, id: string) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findRequest(tx, id);
    if (!r) throw notFound();
    const lines = await linesOf(tx, [r.id]);
    return proposalFor(tx, actor, r, lines);
  });
}

export async function proposalFor(tx: Scoped, actor: Actor, r: RequestRow, lines: LineRow[]) {
  const approving = regionPrefix(r.supplier_region_code);
  const above = abovePrefix(approving);
  const todo = lines
    .map((l) => ({
      lineId: l.id,
      itemId: l.item_id,
      quantity: (l.approved === null ? Number(l.requested) : Number(l.approved)) - Number(l.shipped),
    }))
    .filter((l) => l.quantity > 0);
  const itemIds = [...new Set(todo.map((l) => l.itemId))];
  const { stock, warehouses } = await proposalStock(tx, itemIds, above ? [approving, above] : [approving]);
  const byWarehouse = new Map<string, ProposalWarehouse & { stock: Map<string, number> }>();
  for (const w of warehouses)
    byWarehouse.set(w.id, {
      id: w.id,
      name: w.name,
      ownerPrefix: w.owner_prefix,
      location: w.lat !== null && w.lng !== null ? { lat: Number(w.lat), lng: Number(w.lng) } : null,
      stock: new Map(),
    });
  for (const s of stock) {
    const w = byWarehouse.get(s.warehouse_id);
    if (w) w.stock.set(s.item_id, (w.stock.get(s.item_id) ?? 0) + Number(s.quantity));
  }
  const producers = itemIds.length
    ? await tx.query<{
        id: string;
        item_id: string;
        enterprise_name: string;
        capacity_per_day: number;
        lat: number | null;
        lng: number | null;
        contact_name: string;
        contact_phone: string;
      }>(
        `SELECT p.id, p.item_id, e.name AS enterprise_name, p.capacity_per_day::float8 AS capacity_per_day, p.lat, p.lng, p.contact_name, p.contact_phone
           FROM dispatch_producers p JOIN enterprises e ON e.id = p.enterprise_id
          WHERE p.active AND p.item_id = ANY($1::uuid[]) AND (p.valid_until IS NULL OR p.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)`,
        [itemIds],
      )
    : [];
  const destination = r.deliver_lat !== null && r.deliver_lng !== null ? { lat: r.deliver_lat, lng: r.deliver_lng } : null;
  const result = proposeWarehouses(todo, [...byWarehouse.values()], {
    destination,
    approvingPrefix: approving,
    abovePrefix: above,
    producers: producers.map((p) => ({
      id: p.id,
      itemId: p.item_id,
      enterpriseName: p.enterprise_name,
      capacityPerDay: Number(p.capacity_per_day),
      location: p.lat !== null && p.lng !== null ? { lat: Number(p.lat), lng: Number(p.lng) } : null,
    })),
  });
  const contact = new Map(producers.map((p) => [p.id, { contactName: p.contact_name, contactPhone: p.contact_phone }]));
  const shipFrom = isSupplierSide(actor, { supplierRegionCode: r.supplier_region_code });
  return {
    destination,
    distance: 'straightLine' as const,
    approvingPrefix: approving,
    abovePrefix: above,
    lines: result.map((x) => {
      const l = lines.find((y) => y.id === x.lineId) as LineRow;
      return {
        ...x,
        itemName: l.item_name,
        unit: l.unit,
        picks: x.picks.map((p) => ({ ...p, mayShip: shipFrom && p.tier === 0 })),
        producers: x.producers.map((p) => ({ ...p, ...contact.get(p.id) })),
      };
    }),
  };
}

// ---- after the event: the replenishment list -------------------------------------------------------------

export const replenishmentQuerySchema = z.object({
  eventRef: z.string().trim().max(200).optional(),
  from: z.iso.date('日期格式不正确||Invalid date').optional(),
  to: z.iso.date('日期格式不正确||Invalid date').optional(),
});

/**
 * What left the reserves and did not come back, per source warehouse and item (补充储备清单): shipped
 * − returned, with what was received and recorded as consumed, over the requests the actor's level
 * supplied (or, for the admin, all).
 */
export function replenishmentList(db: Db, actor: Actor, q: z.infer<typeof replenishmentQuerySchema>) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = ["q.status NOT IN ('draft', 'cancelled')"];
    const own = ownRegion(actor);
    if (own) {
      params.push(own);
      where.push(`q.supplier_region_code = $${params.length}`);
    }
    if (q.eventRef) {
      params.push(q.eventRef);
      where.push(`q.event_ref = $${params.length}`);
    }
    if (q.from) {
      params.push(q.from);
      where.push(`x.shipped_at >= ($${params.length}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`x.shipped_at < ($${params.length}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    }
    const rows = await tx.query<{
      warehouse_id: string;
      warehouse_name: string;
      item_id: string;
      item_name: string;
      spec: string;
      unit: string;
      shipped: number;
      received: number;
    }>(
      `SELECT x.warehouse_id, w.name AS warehouse_name, l.item_id, i.name AS item_name, i.spec, i.unit,
              sum(sl.quantity)::float8 AS shipped, sum(sl.received)::float8 AS received
         FROM dispatch_shipment_lines sl
         JOIN dispatch_shipments x ON x.id = sl.shipment_id
         JOIN dispatch_requests q ON q.id = x.request_id
         JOIN dispatch_request_lines l ON l.id = sl.request_line_id
         JOIN supply_items i ON i.id = l.item_id
         JOIN supply_warehouses w ON w.id = x.warehouse_id
        WHERE ${where.join(' AND ')}
        GROUP BY x.warehouse_id, w.name, l.item_id, i.name, i.spec, i.unit
        ORDER BY w.name, i.name`,
      params,
    );
    const uses = await tx.query<{ warehouse_id: string | null; item_id: string; kind: string; quantity: number }>(
      `SELECT u.warehouse_id, l.item_id, u.kind, sum(u.quantity)::float8 AS quantity
         FROM dispatch_line_uses u JOIN dispatch_request_lines l ON l.id = u.request_line_id JOIN dispatch_requests q ON q.id = l.request_id
        WHERE ${where.filter((w) => !w.startsWith('x.')).join(' AND ')}
        GROUP BY u.warehouse_id, l.item_id, u.kind`,
      params.slice(0, params.length - (q.from ? 1 : 0) - (q.to ? 1 : 0)),
    );
    return {
      items: rows.map((r) => {
        const returned = uses
          .filter((u) => u.kind === 'returned' && u.warehouse_id === r.warehouse_id && u.item_id === r.item_id)
          .reduce((a, u) => a + Number(u.quantity), 0);
        return {
          warehouseId: r.warehouse_id,
          warehouseName: r.warehouse_name,
          itemId: r.item_id,
          itemName: r.item_name,
          spec: r.spec,
          unit: r.unit,
          shipped: Number(r.shipped),
          received: Number(r.received),
          returned,
          replenish: replenishmentOf({ shipped: Number(r.shipped), returned }),
        };
      }),
      consumed: Object.values(
        uses
          .filter((u) => u.kind === 'consumed')
          .reduce<Record<string, { itemId: string; quantity: number }>>((acc, u) => {
            acc[u.item_id] = { itemId: u.item_id, quantity: (acc[u.item_id]?.quantity ?? 0) + Number(u.quantity) };
            return acc;
          }, {}),
      ),
    };
  });
}
