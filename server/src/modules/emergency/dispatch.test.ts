// 物资调拨 through the HTTP API, on both databases: a county's request against the city's reserve
// taken from submission to closing with partial approval, two shipments and partial receipts (each
// line's requested/approved/shipped/received), stock leaving through the ledger and entering the
// county's warehouse; a receipt above what was shipped refused with its field; scope (the county
// cannot approve or ship the city's reserve, Kunshan does not see); the proposal's order (nearest
// first within the city, then the province); bad input 400s with nothing written; the phone order's
// 48 h written-request clock at its edge and the 工作台 counts equal to their lists; donations'
// public summary without anonymous donors; producers shown when stock is short.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { getRequest } from './dispatch-service.ts';
import { dispatchWorkItems } from './dispatch-workbench.ts';
import { postMovement } from './supplies-ledger.ts';

describe('dispatch', () => {
  let t: CastApp;
  const wh: Record<string, string> = {};
  let tent: string;
  let water: string;
  let mask: string;
  const base = { lat: 31.87, lng: 120.55 }; // 张家港
  before(async () => {
    t = await openCastApp();
    const item = async (name: string, unit: string, code: string) =>
      (
        await t.db.query<{ id: string }>(
          `INSERT INTO supply_items (category_code, name, spec, unit, whole_units) VALUES ($1, $2, '', $3, true) RETURNING id`,
          [code, name, unit],
        )
      )[0]?.id as string;
    tent = await item('单帐篷', '顶', '1010101');
    water = await item('饮用水', '箱', '1010301');
    mask = await item('医用防护口罩', '只', '1020101');
    const warehouse = async (key: string, level: string, region: string, lat: number, lng: number) => {
      const [w] = await t.db.query<{ id: string }>(
        `INSERT INTO supply_warehouses (name, kind, level, region_code, lat, lng, address) VALUES ($1, 'government', $2, $3, $4, $5, '') RETURNING id`,
        [key, level, region, lat, lng],
      );
      wh[key] = w?.id as string;
    };
    await warehouse('市储备库近', 'city', CAST.city, base.lat + 0.05, base.lng);
    await warehouse('市储备库远', 'city', CAST.city, base.lat + 0.8, base.lng);
    await warehouse('省储备库', 'province', CAST.province, base.lat + 0.01, base.lng);
    await warehouse('县储备库', 'county', CAST.county, base.lat, base.lng);
    await warehouse('昆山储备库', 'county', CAST.otherCounty, base.lat, base.lng + 0.01);
    const put = (w: string, itemId: string, quantity: number) =>
      postMovement(t.db, null, { warehouseId: wh[w] as string, itemId, kind: 'in', quantity });
    await put('市储备库近', tent, 30);
    await put('市储备库远', tent, 50);
    await put('省储备库', tent, 500);
    await put('昆山储备库', tent, 999);
    await put('市储备库近', water, 5);
  });
  after(() => t.close());

  const R = '/api/v1/dispatch/requests';
  const get = async (cookie: string, id: string) => (await t.inject(cookie, 'GET', `${R}/${id}`)).json();
  const step = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await get(cookie, id)).version;
    return t.inject(cookie, 'POST', `${R}/${id}/steps/${action}`, { version, ...body });
  };
  const ok = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await step(cookie, id, action, body);
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  };
  const request = (lines: { itemId: string; quantity: number }[], extra: Record<string, unknown> = {}) => ({
    purpose: '防汛抢险转移安置群众',
    deliverTo: '张家港市杨舍镇安置点',
    deliverLat: base.lat,
    deliverLng: base.lng,
    receiverUnit: '张家港市应急管理局',
    receiverName: '王强',
    receiverPhone: '13800000001',
    neededBy: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    priority: 'urgent',
    lines,
    ...extra,
  });
  const stock = async (w: string, itemId: string) =>
    Number(
      (
        await t.db.query<{ q: string }>(
          'SELECT coalesce(sum(quantity), 0) AS q FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2',
          [wh[w], itemId],
        )
      )[0]?.q,
    );
  const countRows = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM dispatch_requests'))[0]?.n);

  test('bad input is a bilingual 400 with nothing written', async () => {
    const before = await countRows();
    const empty = await t.inject(t.cookies.county, 'POST', R, {});
    assert.equal(empty.statusCode, 400);
    const fields = empty.json().error.fieldMessages;
    for (const f of ['purpose', 'deliverTo', 'receiverPhone', 'neededBy', 'priority', 'lines'])
      assert.ok(fields[f]?.zh && fields[f]?.en, f);
    const neg = await t.inject(t.cookies.county, 'POST', R, request([{ itemId: tent, quantity: -1 }]));
    assert.equal(neg.statusCode, 400);
    assert.ok(neg.json().error.fieldMessages['lines.0.quantity']);
    const frac = await t.inject(t.cookies.county, 'POST', R, request([{ itemId: tent, quantity: 1.5 }]));
    assert.equal(frac.statusCode, 400);
    assert.match(frac.json().error.fieldMessages['lines.0.quantity'].zh, /整数/);
    const sideways = await t.inject(
      t.cookies.county,
      'POST',
      R,
      request([{ itemId: tent, quantity: 1 }], { supplierRegionCode: CAST.otherCounty }),
    );
    assert.equal(sideways.statusCode, 400);
    assert.ok(sideways.json().error.fieldMessages.supplierRegionCode);
    const phone = await t.inject(t.cookies.county, 'POST', R, request([{ itemId: tent, quantity: 1 }], { receiverPhone: 'abc' }));
    assert.equal(phone.statusCode, 400);
    // Only supervisors ask: the grid worker and the enterprise cannot.
    assert.equal((await t.inject(t.cookies.grid, 'POST', R, request([{ itemId: tent, quantity: 1 }]))).statusCode, 403);
    assert.equal((await t.inject(t.cookies.ent, 'POST', R, request([{ itemId: tent, quantity: 1 }]))).statusCode, 403);
    assert.equal(await countRows(), before);
  });

  let id: string;
  test('a county asks the city: partly approved by the city only; another county does not see it', async () => {
    const res = await t.inject(
      t.cookies.county,
      'POST',
      R,
      request([
        { itemId: tent, quantity: 100 },
        { itemId: water, quantity: 8 },
      ]),
    );
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    id = r.id;
    assert.equal(r.status, 'draft');
    assert.equal(r.supplierRegionCode, CAST.city);
    assert.deepEqual(r.allowedActions, ['submit', 'cancel']);
    await ok(t.cookies.county, id, 'submit');
    // Scope: Kunshan neither sees nor acts; the town below does not see the county's request.
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `${R}/${id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', R)).json().total, 0);
    assert.equal((await t.inject(t.cookies.kunshan, 'POST', `${R}/${id}/steps/approve`, { version: 2, lines: [] })).statusCode, 404);
    assert.equal((await t.inject(t.cookies.town, 'GET', `${R}/${id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.ent, 'GET', `${R}/${id}`)).statusCode, 403);
    // The county cannot approve against the city's reserve.
    const lines = (await get(t.cookies.city, id)).lines as { id: string; itemId: string }[];
    const tentLine = lines.find((l) => l.itemId === tent)?.id as string;
    const waterLine = lines.find((l) => l.itemId === water)?.id as string;
    const own = await step(t.cookies.county, id, 'approve', {
      lines: [
        { lineId: tentLine, quantity: 60 },
        { lineId: waterLine, quantity: 0 },
      ],
    });
    assert.equal(own.statusCode, 403);
    assert.deepEqual(own.json().error.allowedActions, ['cancel']);
    const over = await step(t.cookies.city, id, 'approve', {
      lines: [
        { lineId: tentLine, quantity: 101 },
        { lineId: waterLine, quantity: 0 },
      ],
    });
    assert.equal(over.statusCode, 400);
    assert.ok(over.json().error.fieldMessages['lines.0.quantity']);
    const approved = await ok(t.cookies.city, id, 'approve', {
      lines: [
        { lineId: tentLine, quantity: 60 },
        { lineId: waterLine, quantity: 0 },
      ],
    });
    assert.equal(approved.status, 'partlyApproved');
    assert.deepEqual(approved.allowedActions, ['issueOrder', 'cancel']);
  });

  test('the proposal: the city’s reserves nearest first, then the province’s; Kunshan’s never', async () => {
    const p = (await t.inject(t.cookies.city, 'GET', `${R}/${id}/proposal`)).json();
    assert.equal(p.distance, 'straightLine');
    const line = p.lines.find((l: { itemId: string }) => l.itemId === tent);
    assert.deepEqual(
      line.picks.map((x: { name: string; quantity: number; tier: number; mayShip: boolean }) => [x.name, x.quantity, x.tier, x.mayShip]),
      [
        ['市储备库近', 30, 0, true],
        ['市储备库远', 30, 0, true],
      ],
    );
    assert.equal(line.shortfall, 0);
    // More than the city holds: the province's reserve next (seen, not shippable by the city), then the shortfall.
    const big = (await t.inject(t.cookies.county, 'POST', R, request([{ itemId: tent, quantity: 700 }], { submit: true }))).json();
    const q = (await t.inject(t.cookies.city, 'GET', `${R}/${big.id}/proposal`)).json();
    assert.deepEqual(
      q.lines[0].picks.map((x: { name: string; quantity: number; tier: number; mayShip: boolean }) => [
        x.name,
        x.quantity,
        x.tier,
        x.mayShip,
      ]),
      [
        ['市储备库近', 30, 0, true],
        ['市储备库远', 50, 0, true],
        ['省储备库', 500, 1, false],
      ],
    );
    assert.equal(q.lines[0].shortfall, 120);
    assert.equal((await ok(t.cookies.county, big.id, 'cancel', { reason: '改为向省申请' })).status, 'cancelled');
  });

  test('the order, shipments and partial receipts: a receipt above what was shipped is refused', async () => {
    // Shipping waits for the order.
    assert.equal(
      (
        await step(t.cookies.city, id, 'ship', {
          warehouseId: wh.市储备库近,
          vehicle: '苏E12345',
          driverName: '李师傅',
          driverPhone: '13900000000',
          lines: [],
        })
      ).statusCode,
      409,
    );
    const issued = await ok(t.cookies.city, id, 'issueOrder', { supplierContact: '赵科长', supplierPhone: '0512-12345678' });
    assert.equal(issued.status, 'dispatched');
    assert.match(issued.orderNumber, /应急调〔\d{4}〕1号/);
    const pdf = await t.inject(t.cookies.county, 'GET', `${R}/${id}/order/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const tentLine = (issued.lines as { id: string; itemId: string }[]).find((l) => l.itemId === tent)?.id as string;
    const ship = { vehicle: '苏E12345', driverName: '李师傅', driverPhone: '13900000000' };
    // The county cannot ship the city's reserve; the city cannot ship the province's.
    assert.equal(
      (await step(t.cookies.county, id, 'ship', { ...ship, warehouseId: wh.县储备库, lines: [{ lineId: tentLine, quantity: 1 }] }))
        .statusCode,
      403,
    );
    const prov = await step(t.cookies.city, id, 'ship', { ...ship, warehouseId: wh.省储备库, lines: [{ lineId: tentLine, quantity: 1 }] });
    assert.equal(prov.statusCode, 400);
    assert.ok(prov.json().error.fieldMessages.warehouseId);
    // More than the warehouse holds: the ledger's refusal, on the line.
    const short = await step(t.cookies.city, id, 'ship', {
      ...ship,
      warehouseId: wh.市储备库近,
      lines: [{ lineId: tentLine, quantity: 31 }],
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.json().error.fieldMessages['lines.0.quantity'].zh, /30/);
    // More than approved.
    const above = await step(t.cookies.city, id, 'ship', {
      ...ship,
      warehouseId: wh.市储备库远,
      lines: [{ lineId: tentLine, quantity: 61 }],
    });
    assert.equal(above.statusCode, 400);
    assert.equal(await stock('市储备库近', tent), 30);

    const s1 = await ok(t.cookies.city, id, 'ship', { ...ship, warehouseId: wh.市储备库近, lines: [{ lineId: tentLine, quantity: 30 }] });
    assert.equal(s1.status, 'inTransit');
    assert.equal(await stock('市储备库近', tent), 0);
    const shipment1 = s1.shipments[0];
    const sl1 = shipment1.lines[0].id;
    // The city does not sign for the county.
    assert.equal(
      (
        await step(t.cookies.city, id, 'receive', {
          shipmentId: shipment1.id,
          receiverName: '王强',
          lines: [{ shipmentLineId: sl1, quantity: 1 }],
        })
      ).statusCode,
      403,
    );
    const tooMuch = await step(t.cookies.county, id, 'receive', {
      shipmentId: shipment1.id,
      receiverName: '王强',
      lines: [{ shipmentLineId: sl1, quantity: 31 }],
    });
    assert.equal(tooMuch.statusCode, 400);
    assert.ok(tooMuch.json().error.fieldMessages['lines.0.quantity']);
    const r1 = await ok(t.cookies.county, id, 'receive', {
      shipmentId: shipment1.id,
      receiverName: '王强',
      warehouseId: wh.县储备库,
      lines: [{ shipmentLineId: sl1, quantity: 20 }],
    });
    assert.equal(r1.status, 'partlyReceived');
    assert.equal(r1.shipments[0].status, 'partlyReceived');
    assert.equal(await stock('县储备库', tent), 20);
    // The rest of the 10 cannot be over-received either (20 + 11 > 30).
    assert.equal(
      (
        await step(t.cookies.county, id, 'receive', {
          shipmentId: shipment1.id,
          receiverName: '王强',
          lines: [{ shipmentLineId: sl1, quantity: 11 }],
        })
      ).statusCode,
      400,
    );

    const s2 = await ok(t.cookies.city, id, 'ship', {
      ...ship,
      vehicle: '苏E54321',
      warehouseId: wh.市储备库远,
      lines: [{ lineId: tentLine, quantity: 30 }],
    });
    assert.equal(s2.status, 'partlyReceived');
    assert.ok(!s2.allowedActions.includes('ship'));
    await ok(t.cookies.county, id, 'receive', {
      shipmentId: shipment1.id,
      receiverName: '王强',
      lines: [{ shipmentLineId: sl1, quantity: 10 }],
    });
    const shipment2 = s2.shipments[1];
    const done = await ok(t.cookies.county, id, 'receive', {
      shipmentId: shipment2.id,
      receiverName: '王强',
      lines: [{ shipmentLineId: shipment2.lines[0].id, quantity: 30 }],
    });
    assert.equal(done.status, 'received');
    const line = done.lines.find((l: { itemId: string }) => l.itemId === tent);
    assert.deepEqual([line.requested, line.approved, line.shipped, line.received], [100, 60, 60, 60]);
    const w = done.lines.find((l: { itemId: string }) => l.itemId === water);
    assert.deepEqual([w.requested, w.approved, w.shipped, w.received], [8, 0, 0, 0]);
    assert.equal((await step(t.cookies.county, id, 'cancel', { reason: '不需要了' })).statusCode, 409);
  });

  test('after the event: consumption, a return into the city’s reserve, the replenishment list, closing', async () => {
    const r = await get(t.cookies.county, id);
    const tentLine = r.lines.find((l: { itemId: string }) => l.itemId === tent).id;
    await ok(t.cookies.county, id, 'consume', { lineId: tentLine, quantity: 45 });
    const over = await step(t.cookies.city, id, 'returnGoods', { lineId: tentLine, warehouseId: wh.市储备库近, quantity: 16 });
    assert.equal(over.statusCode, 400);
    assert.equal(
      (await step(t.cookies.county, id, 'returnGoods', { lineId: tentLine, warehouseId: wh.县储备库, quantity: 5 })).statusCode,
      403,
    );
    // 20 of the line were received into the county's warehouse: a return moves them from there into
    // the city's reserve — the total stock stays what it was (it is not created).
    const total = async () =>
      Number(
        (await t.db.query<{ q: string }>('SELECT coalesce(sum(quantity), 0) AS q FROM supply_stock WHERE item_id = $1', [tent]))[0]?.q,
      );
    const before = await total();
    await ok(t.cookies.city, id, 'returnGoods', { lineId: tentLine, warehouseId: wh.市储备库近, quantity: 10 });
    assert.equal(await stock('市储备库近', tent), 10);
    assert.equal(await stock('县储备库', tent), 10);
    assert.equal(await total(), before);
    // When the receiving warehouse no longer holds them, the return is refused naming its balance, nothing written.
    const out = await t.inject(t.cookies.county, 'POST', `/api/v1/supplies/warehouses/${wh.县储备库}/movements`, {
      itemId: tent,
      kind: 'out',
      quantity: 8,
      note: '发放安置点',
    });
    assert.equal(out.statusCode, 201, out.body);
    const gone = await step(t.cookies.city, id, 'returnGoods', { lineId: tentLine, warehouseId: wh.市储备库近, quantity: 5 });
    assert.equal(gone.statusCode, 409, gone.body);
    assert.match(gone.json().error.fieldMessages.quantity.zh, /结存 2/);
    assert.equal(await stock('市储备库近', tent), 10);
    assert.equal(await stock('县储备库', tent), 2);
    const list = (await t.inject(t.cookies.city, 'GET', '/api/v1/dispatch/replenishment')).json();
    const near = list.items.find((x: { warehouseName: string }) => x.warehouseName === '市储备库近');
    const far = list.items.find((x: { warehouseName: string }) => x.warehouseName === '市储备库远');
    assert.deepEqual([near.shipped, near.returned, near.replenish], [30, 10, 20]);
    assert.deepEqual([far.shipped, far.returned, far.replenish], [30, 0, 30]);
    const closed = await ok(t.cookies.city, id, 'close');
    assert.equal(closed.status, 'closed');
    const line = closed.lines.find((l: { itemId: string }) => l.itemId === tent);
    assert.deepEqual([line.consumed, line.returned, line.replenish], [45, 10, 50]);
  });

  test('a phone order from the town: the county approves; the written request’s 48 h clock at its edge; 工作台 counts equal their lists', async () => {
    const res = await t.inject(
      t.cookies.town,
      'POST',
      R,
      request([{ itemId: mask, quantity: 1000 }], { viaPhone: true, deliverTo: '镇卫生院' }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.status, 'submitted');
    assert.equal(r.supplierRegionCode, CAST.county);
    assert.equal(r.writtenClock.overdue, false);
    assert.ok(r.allowedActions.includes('confirmWritten'));
    // The county approves its township's request; the city does not.
    assert.equal((await step(t.cookies.city, r.id, 'approve', { lines: [{ lineId: r.lines[0].id, quantity: 1 }] })).statusCode, 403);
    const town: Actor = {
      id: t.ids.town,
      username: 'cast-town',
      role: 'townshipSupervisor',
      scope: { regionPrefix: '320582100', industries: null, enterpriseId: null },
    };
    const at = Date.parse(r.phoneOrderedAt);
    const edge = await getRequest(t.db, town, r.id, new Date(at + 48 * 3_600_000));
    assert.deepEqual([edge.writtenClock?.remainingMs, edge.writtenClock?.overdue], [0, false]);
    assert.equal((await getRequest(t.db, town, r.id, new Date(at + 48 * 3_600_000 + 1))).writtenClock?.overdue, true);

    const county: Actor = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const check = async (a: Actor, cookie: string, kinds: string[]) => {
      const items = await readScoped(t.db, a.scope, (tx) => dispatchWorkItems(a, a.scope, tx));
      assert.deepEqual(
        items.map((i) => i.kind),
        kinds,
      );
      for (const i of items) {
        const qs = new URLSearchParams(i.query as Record<string, string>).toString();
        assert.equal((await t.inject(cookie, 'GET', `${R}?${qs}`)).json().total, i.count, i.kind);
      }
      return Object.fromEntries(items.map((i) => [i.kind, i.count]));
    };
    assert.deepEqual(await check(town, t.cookies.town, ['dispatch.toReceive', 'dispatch.writtenDue']), {
      'dispatch.toReceive': 0,
      'dispatch.writtenDue': 1,
    });
    const c = await check(county, t.cookies.county, ['dispatch.toApprove', 'dispatch.toShip', 'dispatch.toReceive', 'dispatch.writtenDue']);
    assert.equal(c['dispatch.toApprove'], 1);
    await ok(t.cookies.town, r.id, 'confirmWritten', { writtenRef: '杨舍镇〔2026〕12号' });
    assert.equal((await check(town, t.cookies.town, ['dispatch.toReceive', 'dispatch.writtenDue']))['dispatch.writtenDue'], 0);
    // The county has no masks: the proposal names the designated producer.
    const p = await t.inject(t.cookies.county, 'POST', '/api/v1/dispatch/producers', {
      enterpriseId: t.enterpriseId,
      itemId: mask,
      capacityPerDay: 20000,
      contactName: '钱经理',
      contactPhone: '13700000000',
    });
    assert.equal(p.statusCode, 201, p.body);
    const dup = await t.inject(t.cookies.county, 'POST', '/api/v1/dispatch/producers', {
      enterpriseId: t.enterpriseId,
      itemId: mask,
      capacityPerDay: 1,
      contactName: '钱经理',
      contactPhone: '13700000000',
    });
    assert.equal(dup.statusCode, 409);
    const prop = (await t.inject(t.cookies.county, 'GET', `${R}/${r.id}/proposal`)).json();
    assert.equal(prop.lines[0].shortfall, 1000);
    assert.equal(prop.lines[0].producers[0].contactName, '钱经理');
    assert.equal((await t.inject(t.cookies.county, 'GET', `/api/v1/dispatch/producers?itemId=${mask}`)).json().total, 1);
    assert.equal((await t.inject(t.cookies.county, 'GET', `/api/v1/dispatch/producers?itemId=${tent}`)).json().total, 0);
  });

  test('donations: recorded into the ledger, distributed never above what is left, the public summary names no anonymous donor', async () => {
    const d = (body: Record<string, unknown>) =>
      t.inject(t.cookies.county, 'POST', '/api/v1/dispatch/donations', {
        itemId: water,
        quantity: 100,
        use: 'relief',
        receivedOn: '2026-07-01',
        donorKind: 'unit',
        ...body,
      });
    const a = await d({ donorName: '张家港爱心企业', warehouseId: wh.县储备库 });
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(await stock('县储备库', water), 100);
    // Not into an enterprise's own warehouse, nor the city's reserve (the supplies part's rule): 403, nothing written.
    const [entW] = await t.db.query<{ id: string }>(
      `INSERT INTO supply_warehouses (name, kind, region_code, enterprise_id, lat, lng, address) VALUES ('企业自有库', 'enterprise', $1, $2, $3, $4, '') RETURNING id`,
      [CAST.town, t.enterpriseId, base.lat, base.lng],
    );
    const before = Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM dispatch_donations'))[0]?.n);
    assert.equal((await d({ donorName: '某企业', warehouseId: entW?.id })).statusCode, 403);
    assert.equal(
      Number(
        (await t.db.query<{ q: string }>('SELECT coalesce(sum(quantity), 0) AS q FROM supply_stock WHERE warehouse_id = $1', [entW?.id]))[0]
          ?.q,
      ),
      0,
    );
    assert.equal(Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM dispatch_donations'))[0]?.n), before);
    assert.equal((await d({ donorName: '李某某', donorKind: 'person', anonymous: true, quantity: 20 })).statusCode, 201);
    assert.equal((await d({ donorName: '', quantity: -1 })).statusCode, 400);
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/dispatch/donations', {})).statusCode, 403);
    const give = await t.inject(t.cookies.county, 'POST', `/api/v1/dispatch/donations/${a.json().id}/distributions`, {
      recipient: '杨舍镇安置点',
      quantity: 101,
    });
    assert.equal(give.statusCode, 400);
    assert.equal(
      (
        await t.inject(t.cookies.county, 'POST', `/api/v1/dispatch/donations/${a.json().id}/distributions`, {
          recipient: '杨舍镇安置点',
          quantity: 60,
        })
      ).statusCode,
      200,
    );
    // The distributed goods left the warehouse the donation entered (the proposal no longer offers them).
    assert.equal(await stock('县储备库', water), 40);
    const pub = (await t.app.inject({ url: '/api/public/donations?regionCode=320582' })).json();
    assert.deepEqual(pub.totals, [{ itemName: '饮用水', unit: '箱', use: 'relief', quantity: 120, distributed: 60, donations: 2 }]);
    assert.deepEqual(pub.donors, [{ name: '张家港爱心企业', kind: 'unit' }]);
    assert.equal(pub.anonymousDonations, 1);
    assert.ok(!JSON.stringify(pub).includes('李某某'));
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', '/api/v1/dispatch/donations')).json().total, 0);
  });

  test('a line repeated in an approval, a shipment or a receipt is a 400 on the field, nothing written', async () => {
    const res = await t.inject(t.cookies.county, 'POST', R, request([{ itemId: tent, quantity: 10 }], { submit: true }));
    assert.equal(res.statusCode, 201, res.body);
    const rid = res.json().id;
    const lineId = res.json().lines[0].id;
    // [{A,10},{A,0}] was 'approved' from the first entry with 0 stored.
    const dupApprove = await step(t.cookies.city, rid, 'approve', {
      lines: [
        { lineId, quantity: 10 },
        { lineId, quantity: 0 },
      ],
    });
    assert.equal(dupApprove.statusCode, 400, dupApprove.body);
    assert.ok(dupApprove.json().error.fieldMessages['lines.1.lineId']?.zh);
    const still = await get(t.cookies.city, rid);
    assert.equal(still.status, 'submitted');
    assert.equal(still.lines[0].approved, null);
    await ok(t.cookies.city, rid, 'approve', { lines: [{ lineId, quantity: 10 }] });
    await ok(t.cookies.city, rid, 'issueOrder', { supplierContact: '赵科长', supplierPhone: '0512-12345678' });
    const ship = { vehicle: '苏E12345', driverName: '李师傅', driverPhone: '13900000000', warehouseId: wh.市储备库远 };
    const far = await stock('市储备库远', tent);
    const dupShip = await step(t.cookies.city, rid, 'ship', {
      ...ship,
      lines: [
        { lineId, quantity: 5 },
        { lineId, quantity: 5 },
      ],
    });
    assert.equal(dupShip.statusCode, 400, dupShip.body);
    assert.ok(dupShip.json().error.fieldMessages['lines.1.lineId']?.zh);
    assert.equal(await stock('市储备库远', tent), far);
    const shipped = await ok(t.cookies.city, rid, 'ship', { ...ship, lines: [{ lineId, quantity: 10 }] });
    const sh = shipped.shipments[0];
    const sl = sh.lines[0].id;
    // [{sl,10},{sl,10}] on a 10-unit line was a 500; [{sl,5},{sl,5}] stored 10 and left the shipment 'partly received'.
    for (const q of [10, 5]) {
      const dup = await step(t.cookies.county, rid, 'receive', {
        shipmentId: sh.id,
        receiverName: '王强',
        lines: [
          { shipmentLineId: sl, quantity: q },
          { shipmentLineId: sl, quantity: q },
        ],
      });
      assert.equal(dup.statusCode, 400, dup.body);
      assert.ok(dup.json().error.fieldMessages['lines.1.shipmentLineId']?.zh);
    }
    const unchanged = await get(t.cookies.county, rid);
    assert.equal(unchanged.lines[0].received, 0);
    assert.equal(unchanged.shipments[0].status, 'inTransit');
    await ok(t.cookies.county, rid, 'receive', { shipmentId: sh.id, receiverName: '王强', lines: [{ shipmentLineId: sl, quantity: 5 }] });
    const done = await ok(t.cookies.county, rid, 'receive', {
      shipmentId: sh.id,
      receiverName: '王强',
      lines: [{ shipmentLineId: sl, quantity: 5 }],
    });
    assert.equal(done.status, 'received');
    assert.equal(done.shipments[0].status, 'received');
    assert.equal(done.lines[0].received, 10);
  });
});
