// A supplies request (调拨申请) as a state machine, with per-line quantities (issue 27; STANDARDS-NEXT
// §6.2 and Sahana Eden's inv_req / inv_req_item: quantity_commit / transit / fulfil):
//   draft → submit → submitted → approve (quantities per line; all → approved, fewer → partlyApproved)
//   or reject → rejected → issueOrder (numbered 调拨指令) → dispatched → ship (a shipment) → inTransit
//   → receive (per shipment line, partial allowed) → partlyReceived / received → close → closed.
//   cancel from draft, submitted, approved, partlyApproved, dispatched while nothing has left.
//   After the event: consume (what was used) and returnGoods (back into a warehouse).
// Who: the requesting level (a township or county supervisor whose region is the request's) drafts,
// submits, receives and records consumption; the level that owns the stock (the supplier region,
// an ancestor of the requester's) approves, issues the order, ships and takes returns. A county
// cannot approve against or ship from the city's reserve: only the city may.
// An emergency phone order (电话紧急调拨) is recorded as such and must be backed by a written request
// within 48 hours (a setting, 邹城's local rule; provisional).
// Pure: the server reads the rows, asks these functions before every write and derives the status.
import { z } from 'zod';
import { type Actor, isSupervisor, regionPrefix } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';

type Label = { zh: string; en: string };

export const DISPATCH_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'partlyApproved',
  'rejected',
  'dispatched',
  'inTransit',
  'partlyReceived',
  'received',
  'closed',
  'cancelled',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已批准', en: 'Approved' },
  partlyApproved: { zh: '部分批准', en: 'Partly approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
  dispatched: { zh: '已下达调拨指令', en: 'Order issued' },
  inTransit: { zh: '运输中', en: 'In transit' },
  partlyReceived: { zh: '部分签收', en: 'Partly received' },
  received: { zh: '已签收', en: 'Received' },
  closed: { zh: '已办结', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const DISPATCH_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'issueOrder',
  'ship',
  'receive',
  'confirmWritten',
  'consume',
  'returnGoods',
  'close',
  'cancel',
] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];
export const DISPATCH_ACTION_LABELS: Record<DispatchAction, Label> = {
  submit: { zh: '提交申请', en: 'Submit' },
  approve: { zh: '审批', en: 'Approve' },
  reject: { zh: '不予批准', en: 'Reject' },
  issueOrder: { zh: '下达调拨指令', en: 'Issue the dispatch order' },
  ship: { zh: '出库发运', en: 'Ship' },
  receive: { zh: '签收', en: 'Receive' },
  confirmWritten: { zh: '补办书面申请', en: 'Record the written request' },
  consume: { zh: '登记消耗', en: 'Record consumption' },
  returnGoods: { zh: '回收入库', en: 'Take back into stock' },
  close: { zh: '办结', en: 'Close' },
  cancel: { zh: '撤销', en: 'Cancel' },
};

export const DISPATCH_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type DispatchPriority = (typeof DISPATCH_PRIORITIES)[number];
export const DISPATCH_PRIORITY_LABELS: Record<DispatchPriority, Label> = {
  urgent: { zh: '特急', en: 'Urgent' },
  high: { zh: '紧急', en: 'High' },
  normal: { zh: '一般', en: 'Normal' },
};

export const SHIPMENT_STATUSES = ['inTransit', 'partlyReceived', 'received'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, Label> = {
  inTransit: { zh: '运输中', en: 'In transit' },
  partlyReceived: { zh: '部分签收', en: 'Partly received' },
  received: { zh: '已签收', en: 'Received' },
};

/** The quantities of one request line (Sahana's quantity / commit / transit / fulfil). */
export type DispatchLineQuantities = {
  requested: number;
  approved: number | null;
  shipped: number;
  received: number;
  returned: number;
  consumed: number;
};

/** What the rules need of a request. Instants are ISO strings. */
export type DispatchView = {
  status: DispatchStatus;
  /** The requester's region (12 digits). */
  regionCode: string;
  /** The region whose reserve is asked for: an ancestor of the requester's (the approving level). */
  supplierRegionCode: string;
  requestedBy: string | null;
  viaPhone: boolean;
  phoneOrderedAt: string | null;
  writtenAt: string | null;
  lines: DispatchLineQuantities[];
  /** Shipments not yet fully received. */
  openShipments: number;
};

/** The level (as its significant prefix length) a region code stands for. */
export const prefixOf = (code: string) => regionPrefix(code);

/** The requesting level: a supervisor whose own region is the request's. */
export const isRequesterSide = (a: Actor, v: Pick<DispatchView, 'regionCode'>) =>
  isSupervisor(a) && a.scope.regionPrefix !== '' && a.scope.regionPrefix === prefixOf(v.regionCode);
/** The level that owns the stock: a supervisor whose region is the supplier region. */
export const isSupplierSide = (a: Actor, v: Pick<DispatchView, 'supplierRegionCode'>) =>
  isSupervisor(a) && a.scope.regionPrefix !== '' && a.scope.regionPrefix === prefixOf(v.supplierRegionCode);

/** Who may ask for supplies: township, county and city supervisors (asking the level above). */
export const mayRequestSupplies = (a: Actor) => isSupervisor(a) && a.scope.regionPrefix.length >= 4;

/** The region codes a request from `regionCode` may be addressed to: its ancestors (parent first). */
export function supplierRegionsFor(regionCode: string): string[] {
  const p = prefixOf(regionCode);
  const out: string[] = [];
  for (const len of [9, 6, 4, 2]) if (len < p.length) out.push(p.slice(0, len).padEnd(12, '0'));
  return out;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const nothingShipped = (v: DispatchView) => v.lines.every((l) => l.shipped === 0);
const shippable = (v: DispatchView) => v.lines.some((l) => (l.approved ?? 0) > l.shipped);
const receivedAny = (v: DispatchView) => v.lines.some((l) => l.received > 0);

export type DispatchRefusal = 'forbidden' | 'invalidState' | 'notNow';

type Rule = { from: readonly DispatchStatus[]; may: (a: Actor, v: DispatchView) => boolean; when?: (v: DispatchView) => boolean };

const AFTER_ORDER: readonly DispatchStatus[] = ['dispatched', 'inTransit', 'partlyReceived'];
const RULES: Record<DispatchAction, Rule> = {
  submit: { from: ['draft'], may: isRequesterSide },
  approve: { from: ['submitted'], may: isSupplierSide },
  reject: { from: ['submitted'], may: isSupplierSide },
  issueOrder: { from: ['approved', 'partlyApproved'], may: isSupplierSide },
  ship: { from: AFTER_ORDER, may: isSupplierSide, when: shippable },
  receive: { from: ['inTransit', 'partlyReceived'], may: isRequesterSide, when: (v) => v.openShipments > 0 },
  // The written request backing a phone order, at any point until it is recorded.
  confirmWritten: {
    from: ['submitted', 'approved', 'partlyApproved', 'dispatched', 'inTransit', 'partlyReceived', 'received', 'closed'],
    may: isRequesterSide,
    when: (v) => v.viaPhone && !v.writtenAt,
  },
  consume: { from: ['partlyReceived', 'received', 'closed'], may: isRequesterSide, when: receivedAny },
  returnGoods: { from: ['partlyReceived', 'received', 'closed'], may: isSupplierSide, when: receivedAny },
  close: {
    from: ['partlyReceived', 'received'],
    may: (a, v) => isSupplierSide(a, v) || isRequesterSide(a, v),
    when: (v) => v.openShipments === 0,
  },
  cancel: {
    from: ['draft', 'submitted', 'approved', 'partlyApproved', 'dispatched'],
    may: (a, v) => isRequesterSide(a, v) || (v.status !== 'draft' && isSupplierSide(a, v)),
    when: nothingShipped,
  },
};

/** Whether `action` may be taken now, or why not: not this person (403), not from this state or not now (409). */
export function dispatchTransition(
  a: Actor,
  v: DispatchView,
  action: DispatchAction,
): { ok: true } | { ok: false; reason: DispatchRefusal } {
  const r = RULES[action];
  if (!r.from.includes(v.status)) return { ok: false, reason: 'invalidState' };
  if (!r.may(a, v)) return { ok: false, reason: 'forbidden' };
  if (r.when && !r.when(v)) return { ok: false, reason: 'notNow' };
  return { ok: true };
}

/** The buttons the request's page shows this person now. */
export const dispatchAllowedActions = (a: Actor, v: DispatchView) => DISPATCH_ACTIONS.filter((act) => dispatchTransition(a, v, act).ok);

/** The status after approval: every line as asked → approved; fewer (some line short) → partlyApproved. */
export function statusAfterApproval(lines: { requested: number; approved: number }[]): 'approved' | 'partlyApproved' {
  return lines.every((l) => l.approved >= l.requested) ? 'approved' : 'partlyApproved';
}

/**
 * The status the goods' movement makes, once the order is issued: nothing left → dispatched;
 * something shipped, nothing received → inTransit; some received → partlyReceived; every approved
 * quantity received → received.
 */
export function statusFromMovement(lines: DispatchLineQuantities[]): 'dispatched' | 'inTransit' | 'partlyReceived' | 'received' {
  const live = lines.filter((l) => (l.approved ?? 0) > 0);
  if (live.length > 0 && live.every((l) => l.received >= (l.approved ?? 0))) return 'received';
  if (sum(lines.map((l) => l.received)) > 0) return 'partlyReceived';
  if (sum(lines.map((l) => l.shipped)) > 0) return 'inTransit';
  return 'dispatched';
}

/** The shipment's status from its lines' shipped and received quantities. */
export function shipmentStatus(lines: { quantity: number; received: number }[]): ShipmentStatus {
  if (lines.every((l) => l.received >= l.quantity)) return 'received';
  return lines.some((l) => l.received > 0) ? 'partlyReceived' : 'inTransit';
}

// ---- per-line quantity checks (each returns field messages keyed like the body: lines.0.quantity) ------

export type FieldErrors = Record<string, Label>;
const tooMany = (what: Label, max: number): Label => ({
  zh: `不能超过${what.zh}（${fmt(max)}）`,
  en: `At most the ${what.en} (${fmt(max)})`,
});
const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
const wholeMsg: Label = { zh: '该物资按整数计量，请填写整数', en: 'This item is counted in whole units' };

/** A quantity's own rule: > 0 (or ≥ 0 where zero is allowed), whole for a whole-unit item. */
export function quantityError(q: number, wholeUnits: boolean, allowZero = false): Label | null {
  if (!Number.isFinite(q) || (allowZero ? q < 0 : q <= 0))
    return allowZero
      ? { zh: '数量不能为负数', en: 'The quantity cannot be negative' }
      : { zh: '数量应大于0', en: 'The quantity must be above zero' };
  if (wholeUnits && !Number.isInteger(q)) return wholeMsg;
  return null;
}

const repeatedMsg: Label = { zh: '同一物资只能填写一次', en: 'Each line may appear only once' };

/** Approval: each line once, 0 ≤ approved ≤ requested (whole where whole), and at least one line above zero. */
export function checkApproval(
  lines: { id: string; requested: number; wholeUnits: boolean }[],
  approved: { lineId: string; quantity: number }[],
): FieldErrors {
  const errors: FieldErrors = {};
  approved.forEach((a, i) => {
    const l = lines.find((x) => x.id === a.lineId);
    if (!l) errors[`lines.${i}.lineId`] = { zh: '不是本申请的物资', en: 'Not a line of this request' };
    else if (approved.findIndex((x) => x.lineId === a.lineId) < i) errors[`lines.${i}.lineId`] = repeatedMsg;
    else {
      const e = quantityError(a.quantity, l.wholeUnits, true);
      if (e) errors[`lines.${i}.quantity`] = e;
      else if (a.quantity > l.requested) errors[`lines.${i}.quantity`] = tooMany({ zh: '申请数量', en: 'requested quantity' }, l.requested);
    }
  });
  for (const l of lines)
    if (!approved.some((a) => a.lineId === l.id))
      errors.lines = { zh: '请逐项填写批准数量', en: 'Give the approved quantity of every line' };
  if (!errors.lines && Object.keys(errors).length === 0 && approved.every((a) => a.quantity === 0))
    errors.lines = { zh: '批准数量均为0，请改为“不予批准”', en: 'Nothing approved: reject the request instead' };
  return errors;
}

/** A shipment: each line once; per line shipped so far + this ≤ approved, and the warehouse's stock is the server's (postMovement). */
export function checkShipment(
  lines: { id: string; approved: number; shipped: number; wholeUnits: boolean }[],
  ship: { lineId: string; quantity: number }[],
): FieldErrors {
  const errors: FieldErrors = {};
  if (ship.length === 0) errors.lines = { zh: '请至少发运一项物资', en: 'Ship at least one line' };
  ship.forEach((s, i) => {
    const l = lines.find((x) => x.id === s.lineId);
    if (!l) {
      errors[`lines.${i}.lineId`] = { zh: '不是本申请的物资', en: 'Not a line of this request' };
      return;
    }
    if (ship.findIndex((x) => x.lineId === s.lineId) < i) {
      errors[`lines.${i}.lineId`] = repeatedMsg;
      return;
    }
    const e = quantityError(s.quantity, l.wholeUnits);
    if (e) {
      errors[`lines.${i}.quantity`] = e;
      return;
    }
    if (l.shipped + s.quantity > l.approved)
      errors[`lines.${i}.quantity`] = tooMany({ zh: '批准未发数量', en: 'approved quantity not yet shipped' }, l.approved - l.shipped);
  });
  return errors;
}

/** A receipt of one shipment: each shipment line once; per shipment line received so far + this ≤ shipped. Zero lines are allowed (nothing arrived of it yet). */
export function checkReceipt(
  lines: { id: string; quantity: number; received: number; wholeUnits: boolean }[],
  receipt: { shipmentLineId: string; quantity: number }[],
): FieldErrors {
  const errors: FieldErrors = {};
  receipt.forEach((r, i) => {
    const l = lines.find((x) => x.id === r.shipmentLineId);
    if (!l) {
      errors[`lines.${i}.shipmentLineId`] = { zh: '不是本次发运的物资', en: 'Not a line of this shipment' };
      return;
    }
    if (receipt.findIndex((x) => x.shipmentLineId === r.shipmentLineId) < i) {
      errors[`lines.${i}.shipmentLineId`] = repeatedMsg;
      return;
    }
    const e = quantityError(r.quantity, l.wholeUnits, true);
    if (e) errors[`lines.${i}.quantity`] = e;
    else if (l.received + r.quantity > l.quantity)
      errors[`lines.${i}.quantity`] = tooMany(
        { zh: '发运未签收数量', en: 'quantity shipped and not yet received' },
        l.quantity - l.received,
      );
  });
  if (!errors.lines && Object.keys(errors).length === 0 && receipt.every((r) => r.quantity === 0))
    errors.lines = { zh: '请填写签收数量', en: 'Give the quantities received' };
  return errors;
}

/** Consumption or a return of one line: ≤ received − returned − consumed. */
export function checkAfterUse(l: DispatchLineQuantities & { wholeUnits: boolean }, quantity: number, field = 'quantity'): FieldErrors {
  const e = quantityError(quantity, l.wholeUnits);
  if (e) return { [field]: e };
  const left = l.received - l.returned - l.consumed;
  return quantity > left
    ? { [field]: tooMany({ zh: '已签收未消耗未回收数量', en: 'quantity received, not used nor returned' }, left) }
    : {};
}

/** What left the reserves and did not come back: per line shipped − returned (补充储备清单). */
export const replenishmentOf = (l: Pick<DispatchLineQuantities, 'shipped' | 'returned'>) => Math.max(0, l.shipped - l.returned);

// ---- the phone order's written backing (48 h, a setting) ------------------------------------------------

export type WrittenOrderClock = { dueAt: string; remainingMs: number; overdue: boolean };

/** The written request's deadline for a phone order: phoneOrderedAt + hours; overdue only after the instant. */
export function writtenOrderClock(phoneOrderedAt: string, hours: number, now: string): WrittenOrderClock {
  const due = Date.parse(phoneOrderedAt) + hours * 3_600_000;
  const remainingMs = due - Date.parse(now);
  return { dueAt: new Date(due).toISOString(), remainingMs, overdue: remainingMs < 0 };
}

// ---- bodies ------------------------------------------------------------------------------------------

const text = (zh: string, en: string, max = 200) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`));
const optText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`))
    .optional();
const phone = (zh: string, en: string) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, bi('电话号码格式不正确', 'Not a phone number'));
const uuid = z.uuid({ message: bi('编号格式不正确', 'Invalid id') });
const qty = z.number(bi('请填写数量', 'Give the quantity')).finite(bi('请填写数量', 'Give the quantity'));
const version = z.number(bi('缺少版本号', 'The version is missing')).int();
const region12 = z
  .string(bi('请选择地区', 'Choose the region'))
  .regex(/^\d{12}$/, bi('区划代码应为 12 位数字', 'The region code has 12 digits'));

export const dispatchRequestSchema = z.object({
  supplierRegionCode: region12.optional(),
  purpose: text('用途', 'purpose', 500),
  eventRef: optText(200),
  deliverTo: text('接收地点', 'delivery place', 200),
  deliverLat: z.number().min(-90).max(90).optional(),
  deliverLng: z.number().min(-180).max(180).optional(),
  receiverUnit: text('接收单位', 'receiving unit', 100),
  receiverName: text('接收人', 'receiver', 50),
  receiverPhone: phone('接收人电话', 'receiver’s phone'),
  neededBy: z.iso.datetime({ offset: true, message: bi('请填写需要时间', 'Give when it is needed') }),
  priority: z.enum(DISPATCH_PRIORITIES, { message: bi('请选择紧急程度', 'Choose the priority') }),
  viaPhone: z.boolean().default(false),
  lines: z
    .array(z.object({ itemId: uuid, quantity: qty, note: optText(200) }), bi('请至少填写一项物资', 'Give at least one item'))
    .min(1, bi('请至少填写一项物资', 'Give at least one item'))
    .max(100, bi('最多 100 项', 'At most 100 lines')),
  submit: z.boolean().default(false),
});
export type DispatchRequestBody = z.infer<typeof dispatchRequestSchema>;

export const DISPATCH_STEP_SCHEMAS = {
  submit: z.object({ version }),
  approve: z.object({
    version,
    lines: z.array(z.object({ lineId: uuid, quantity: qty }), bi('请逐项填写批准数量', 'Give the approved quantities')),
    note: optText(),
  }),
  reject: z.object({ version, reason: text('不予批准的理由', 'reason', 2000) }),
  issueOrder: z.object({
    version,
    supplierContact: text('调拨方联系人', 'dispatcher contact', 50),
    supplierPhone: phone('调拨方电话', 'dispatcher’s phone'),
  }),
  ship: z.object({
    version,
    warehouseId: uuid,
    vehicle: text('车牌号', 'vehicle', 20),
    driverName: text('驾驶员', 'driver', 50),
    driverPhone: phone('驾驶员电话', 'driver’s phone'),
    eta: z.iso.datetime({ offset: true, message: bi('预计到达时间格式不正确', 'Invalid arrival time') }).optional(),
    lines: z.array(z.object({ lineId: uuid, quantity: qty }), bi('请填写发运物资', 'Give the lines shipped')),
  }),
  receive: z.object({
    version,
    shipmentId: uuid,
    receiverName: text('签收人', 'receiver', 50),
    warehouseId: uuid.optional(),
    note: optText(),
    lines: z.array(z.object({ shipmentLineId: uuid, quantity: qty }), bi('请填写签收数量', 'Give the quantities received')),
  }),
  confirmWritten: z.object({ version, writtenRef: text('书面申请文号', 'written request reference', 100) }),
  consume: z.object({ version, lineId: uuid, quantity: qty, note: optText() }),
  returnGoods: z.object({ version, lineId: uuid, warehouseId: uuid, quantity: qty, note: optText() }),
  close: z.object({ version, note: optText() }),
  cancel: z.object({ version, reason: text('撤销理由', 'reason', 2000) }),
} as const satisfies Record<DispatchAction, z.ZodType>;
