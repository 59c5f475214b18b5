import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { abovePrefix, type ProposalWarehouse, proposeWarehouses, warehouseOwnerPrefix } from './dispatch-proposal.ts';
import {
  checkAfterUse,
  checkApproval,
  checkReceipt,
  checkShipment,
  type DispatchAction,
  type DispatchStatus,
  type DispatchView,
  dispatchAllowedActions,
  dispatchRequestSchema,
  dispatchTransition,
  replenishmentOf,
  statusAfterApproval,
  statusFromMovement,
  supplierRegionsFor,
  writtenOrderClock,
} from './dispatch-workflow.ts';

const actor = (role: Role, regionPrefix: string): Actor => ({
  id: `${role}-${regionPrefix}`,
  username: role,
  role,
  scope: { regionPrefix, industries: null, enterpriseId: null },
});
const county = actor('countySupervisor', '321302');
const county2 = actor('countySupervisor', '321311');
const city = actor('citySupervisor', '3213');
const province = actor('provinceSupervisor', '32');
const town = actor('townshipSupervisor', '321302001');
const grid = actor('gridWorker', '321302001');
const ent: Actor = { ...actor('enterpriseAdmin', '321302'), scope: { regionPrefix: '321302', industries: null, enterpriseId: 'e1' } };

const line = (o: Partial<DispatchView['lines'][number]> = {}) => ({
  requested: 10,
  approved: 10,
  shipped: 0,
  received: 0,
  returned: 0,
  consumed: 0,
  ...o,
});
const view = (status: DispatchStatus, o: Partial<DispatchView> = {}): DispatchView => ({
  status,
  regionCode: '321302000000',
  supplierRegionCode: '321300000000',
  requestedBy: county.id,
  viaPhone: false,
  phoneOrderedAt: null,
  writtenAt: null,
  lines: [line({ approved: null })],
  openShipments: 0,
  ...o,
});

test('who may take each step of a county’s request against the city’s reserve', () => {
  const cases: [DispatchStatus, DispatchAction, Actor, boolean | string, Partial<DispatchView>?][] = [
    ['draft', 'submit', county, true],
    ['draft', 'submit', city, 'forbidden'],
    ['draft', 'submit', county2, 'forbidden'],
    ['submitted', 'submit', county, 'invalidState'],
    ['submitted', 'approve', city, true],
    // A county cannot move the city's reserve: only the city approves, issues and ships.
    ['submitted', 'approve', county, 'forbidden'],
    ['submitted', 'approve', province, 'forbidden'],
    ['submitted', 'approve', ent, 'forbidden'],
    ['submitted', 'reject', city, true],
    ['draft', 'approve', city, 'invalidState'],
    ['approved', 'issueOrder', city, true],
    ['partlyApproved', 'issueOrder', city, true],
    ['approved', 'issueOrder', county, 'forbidden'],
    ['approved', 'ship', city, 'invalidState'],
    ['dispatched', 'ship', city, true, { lines: [line()] }],
    ['dispatched', 'ship', county, 'forbidden', { lines: [line()] }],
    ['inTransit', 'ship', city, 'notNow', { lines: [line({ shipped: 10 })] }],
    ['inTransit', 'receive', county, true, { lines: [line({ shipped: 10 })], openShipments: 1 }],
    ['inTransit', 'receive', city, 'forbidden', { lines: [line({ shipped: 10 })], openShipments: 1 }],
    ['partlyReceived', 'receive', county, 'notNow', { lines: [line({ shipped: 5, received: 5 })], openShipments: 0 }],
    ['partlyReceived', 'ship', city, true, { lines: [line({ shipped: 5, received: 5 })] }],
    ['received', 'close', county, true, { lines: [line({ shipped: 10, received: 10 })] }],
    ['received', 'close', city, true, { lines: [line({ shipped: 10, received: 10 })] }],
    ['partlyReceived', 'close', city, 'notNow', { lines: [line({ shipped: 10, received: 5 })], openShipments: 1 }],
    ['received', 'consume', county, true, { lines: [line({ shipped: 10, received: 10 })] }],
    ['received', 'returnGoods', city, true, { lines: [line({ shipped: 10, received: 10 })] }],
    ['received', 'returnGoods', county, 'forbidden', { lines: [line({ shipped: 10, received: 10 })] }],
    ['draft', 'cancel', county, true],
    ['draft', 'cancel', city, 'forbidden'],
    ['submitted', 'cancel', city, true],
    ['dispatched', 'cancel', county, true],
    ['inTransit', 'cancel', county, 'invalidState', { lines: [line({ shipped: 1 })] }],
    ['closed', 'cancel', county, 'invalidState'],
    ['submitted', 'confirmWritten', county, true, { viaPhone: true, phoneOrderedAt: '2026-01-01T00:00:00Z' }],
    ['submitted', 'confirmWritten', county, 'notNow', { viaPhone: true, writtenAt: '2026-01-01T01:00:00Z' }],
    ['submitted', 'confirmWritten', county, 'notNow'],
  ];
  for (const [status, action, a, want, o] of cases) {
    const got = dispatchTransition(a, view(status, o), action);
    assert.deepEqual(got, want === true ? { ok: true } : { ok: false, reason: want }, `${status} ${action} by ${a.id}`);
  }
});

test('a township asks its county: the county approves, the city does not; the grid worker asks nothing', () => {
  const v = view('submitted', { regionCode: '321302001000', supplierRegionCode: '321302000000' });
  assert.deepEqual(dispatchAllowedActions(county, v), ['approve', 'reject', 'cancel']);
  assert.deepEqual(dispatchAllowedActions(city, v), []);
  assert.deepEqual(dispatchAllowedActions(town, { ...v, status: 'draft' }), ['submit', 'cancel']);
  assert.deepEqual(dispatchAllowedActions(grid, { ...v, status: 'draft' }), []);
  assert.deepEqual(supplierRegionsFor('321302001000'), ['321302000000', '321300000000', '320000000000']);
  assert.deepEqual(supplierRegionsFor('321302000000'), ['321300000000', '320000000000']);
  assert.deepEqual(supplierRegionsFor('320000000000'), []);
});

test('approval quantities: each line ≤ requested, whole units whole, not all zero; status by shortfall', () => {
  const lines = [
    { id: 'a', requested: 10, wholeUnits: true },
    { id: 'b', requested: 2.5, wholeUnits: false },
  ];
  assert.deepEqual(
    checkApproval(lines, [
      { lineId: 'a', quantity: 10 },
      { lineId: 'b', quantity: 2.5 },
    ]),
    {},
  );
  assert.deepEqual(
    Object.keys(
      checkApproval(lines, [
        { lineId: 'a', quantity: 11 },
        { lineId: 'b', quantity: 1 },
      ]),
    ),
    ['lines.0.quantity'],
  );
  assert.deepEqual(
    Object.keys(
      checkApproval(lines, [
        { lineId: 'a', quantity: 1.5 },
        { lineId: 'b', quantity: 1 },
      ]),
    ),
    ['lines.0.quantity'],
  );
  assert.deepEqual(
    Object.keys(
      checkApproval(lines, [
        { lineId: 'a', quantity: -1 },
        { lineId: 'b', quantity: 1 },
      ]),
    ),
    ['lines.0.quantity'],
  );
  assert.deepEqual(Object.keys(checkApproval(lines, [{ lineId: 'a', quantity: 1 }])), ['lines']);
  assert.deepEqual(
    Object.keys(
      checkApproval(lines, [
        { lineId: 'a', quantity: 0 },
        { lineId: 'b', quantity: 0 },
      ]),
    ),
    ['lines'],
  );
  assert.deepEqual(
    Object.keys(
      checkApproval(lines, [
        { lineId: 'x', quantity: 1 },
        { lineId: 'a', quantity: 1 },
        { lineId: 'b', quantity: 1 },
      ]),
    ),
    ['lines.0.lineId'],
  );
  assert.equal(statusAfterApproval([{ requested: 10, approved: 10 }]), 'approved');
  assert.equal(
    statusAfterApproval([
      { requested: 10, approved: 10 },
      { requested: 5, approved: 0 },
    ]),
    'partlyApproved',
  );
});

test('shipments and receipts at their edges: never above approved, never above shipped', () => {
  const lines = [{ id: 'a', approved: 10, shipped: 4, wholeUnits: true }];
  assert.deepEqual(checkShipment(lines, [{ lineId: 'a', quantity: 6 }]), {});
  assert.deepEqual(Object.keys(checkShipment(lines, [{ lineId: 'a', quantity: 7 }])), ['lines.0.quantity']);
  // A line given twice in one shipment is refused on its second entry (as a repeat, or as more than approved in total).
  const twice = Object.keys(
    checkShipment(lines, [
      { lineId: 'a', quantity: 3 },
      { lineId: 'a', quantity: 4 },
    ]),
  );
  assert.equal(twice.length, 1);
  assert.match(twice[0] ?? '', /^lines\.1\./);
  assert.deepEqual(Object.keys(checkShipment(lines, [])), ['lines']);
  assert.deepEqual(Object.keys(checkShipment(lines, [{ lineId: 'a', quantity: 0 }])), ['lines.0.quantity']);
  const sl = [{ id: 's', quantity: 6, received: 2, wholeUnits: true }];
  assert.deepEqual(checkReceipt(sl, [{ shipmentLineId: 's', quantity: 4 }]), {});
  const over = checkReceipt(sl, [{ shipmentLineId: 's', quantity: 5 }]);
  assert.deepEqual(Object.keys(over), ['lines.0.quantity']);
  assert.match(over['lines.0.quantity']?.zh ?? '', /4/);
  assert.deepEqual(Object.keys(checkReceipt(sl, [{ shipmentLineId: 's', quantity: 0 }])), ['lines']);
  assert.deepEqual(Object.keys(checkReceipt(sl, [{ shipmentLineId: 's', quantity: 1.5 }])), ['lines.0.quantity']);
  const used = { ...line({ shipped: 10, received: 8, returned: 2, consumed: 3 }), wholeUnits: true };
  assert.deepEqual(checkAfterUse(used, 3), {});
  assert.deepEqual(Object.keys(checkAfterUse(used, 4)), ['quantity']);
  assert.equal(replenishmentOf(used), 8);
});

test('the status the goods make: dispatched → inTransit → partlyReceived → received (unapproved lines do not count)', () => {
  assert.equal(statusFromMovement([line()]), 'dispatched');
  assert.equal(statusFromMovement([line({ shipped: 4 })]), 'inTransit');
  assert.equal(statusFromMovement([line({ shipped: 10, received: 4 })]), 'partlyReceived');
  assert.equal(statusFromMovement([line({ shipped: 10, received: 10 }), line({ approved: 0 })]), 'received');
  assert.equal(statusFromMovement([line({ shipped: 10, received: 10 }), line({ approved: 5 })]), 'partlyReceived');
});

test('the 48 h written-order clock at its edge: due at the instant, overdue only after it', () => {
  const at = '2026-05-01T08:00:00.000Z';
  assert.deepEqual(writtenOrderClock(at, 48, '2026-05-03T08:00:00.000Z'), {
    dueAt: '2026-05-03T08:00:00.000Z',
    remainingMs: 0,
    overdue: false,
  });
  assert.equal(writtenOrderClock(at, 48, '2026-05-03T08:00:00.001Z').overdue, true);
  assert.equal(writtenOrderClock(at, 48, '2026-05-03T07:59:59.999Z').remainingMs, 1);
  assert.equal(writtenOrderClock(at, 24, '2026-05-02T08:00:00.001Z').overdue, true);
});

test('a request body: bilingual field messages', () => {
  const r = dispatchRequestSchema.safeParse({ purpose: '', lines: [], priority: 'x' });
  assert.equal(r.success, false);
  const paths = new Set(r.error?.issues.map((i) => i.path.join('.')));
  for (const p of ['purpose', 'lines', 'priority', 'deliverTo', 'receiverPhone', 'neededBy']) assert.ok(paths.has(p), p);
});

test('the proposal: nearest first within the approving level, then the level above; producers when short', () => {
  const at = (lat: number, lng: number) => ({ lat, lng });
  const dest = at(33.96, 118.28);
  const wh = (id: string, owner: string, loc: { lat: number; lng: number } | null, stock: Record<string, number>): ProposalWarehouse => ({
    id,
    name: id,
    ownerPrefix: owner,
    location: loc,
    stock: new Map(Object.entries(stock)),
  });
  const warehouses = [
    wh('cityFar', '3213', at(34.5, 118.9), { tent: 50 }),
    wh('cityNear', '3213', at(33.97, 118.29), { tent: 30, water: 5 }),
    wh('provNearest', '32', at(33.961, 118.281), { tent: 500 }),
    wh('otherCounty', '321311', at(33.96, 118.28), { tent: 999 }),
    wh('cityNowhere', '3213', null, { tent: 10 }),
  ];
  const [tent, water] = proposeWarehouses(
    [
      { lineId: 'l1', itemId: 'tent', quantity: 100 },
      { lineId: 'l2', itemId: 'water', quantity: 8 },
    ],
    warehouses,
    {
      destination: dest,
      approvingPrefix: '3213',
      abovePrefix: '32',
      producers: [{ id: 'p', itemId: 'water', enterpriseName: '水厂', capacityPerDay: 100, location: null }],
    },
  );
  assert.deepEqual(
    tent?.picks.map((p) => [p.warehouseId, p.quantity, p.tier]),
    [
      ['cityNear', 30, 0],
      ['cityFar', 50, 0],
      ['cityNowhere', 10, 0],
      ['provNearest', 10, 1],
    ],
  );
  assert.equal(tent?.shortfall, 0);
  assert.deepEqual(tent?.producers, []);
  assert.equal(water?.shortfall, 3);
  assert.deepEqual(
    water?.producers.map((p) => p.id),
    ['p'],
  );
  // Two lines of the same item share the stock.
  const [a, b] = proposeWarehouses(
    [
      { lineId: 'a', itemId: 'water', quantity: 4 },
      { lineId: 'b', itemId: 'water', quantity: 4 },
    ],
    warehouses,
    { destination: dest, approvingPrefix: '3213', abovePrefix: '32' },
  );
  assert.equal(a?.shortfall, 0);
  assert.equal(b?.shortfall, 3);
  assert.equal(warehouseOwnerPrefix('city', '321300000000'), '3213');
  assert.equal(warehouseOwnerPrefix('county', '321302000000'), '321302');
  assert.equal(abovePrefix('321302'), '3213');
  assert.equal(abovePrefix('32'), null);
});
