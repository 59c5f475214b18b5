// 应急物资 through the HTTP API, on both databases (issue 27; owner: supplies): the category code
// rule (province adds, off-rule → 400 with the field), items (unknown category, whole units),
// warehouses of three kinds, movements with FEFO, bad input (negative, fractional) and a take below
// zero → 409 naming the balance with nothing written, the ledger invariants under 20 concurrent
// takes against a stock of 10, the append-only ledger, counts and transfers, scope (a county reads
// the city's reserve but cannot move it; another county neither reads nor moves; an enterprise sees
// its own), and the 工作台 counts equal to their lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withScope } from '../../db/scope.ts';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import { postMovement } from './supplies-ledger.ts';
import { suppliesWorkItems } from './supplies-workbench.ts';

describe('supplies', () => {
  let t: CastApp;
  let tentId: string;
  let fuelId: string;
  let cityWh: string;
  let countyWh: string;
  let countyWh2: string;
  let entWh: string;
  before(async () => {
    t = await openCastApp(
      process.env.SUP_DEBUG
        ? {
            logStream: {
              write: (l: string) => {
                if (l.includes('unhandled')) console.log(l);
              },
            },
          }
        : {},
    );
  });
  after(() => t.close());

  const post = async (cookie: string, url: string, body: unknown, status = 201) => {
    const res = await t.inject(cookie, 'POST', url, body);
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json();
  };
  const get = async (cookie: string, url: string, status = 200) => {
    const res = await t.inject(cookie, 'GET', url);
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json();
  };
  const movementsOf = async (stockWh: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM supply_movements WHERE warehouse_id = $1', [stockWh]))[0]?.n;

  test('categories: the seeded tree, the province adds under the code rule, off-rule → 400, a county may not', async () => {
    const tree = await get(t.cookies.county, '/api/v1/supplies/categories');
    const codes = tree.items.map((c: { code: string }) => c.code);
    assert.deepEqual(codes.slice(0, 1), ['1']);
    assert.ok(codes.includes('2') && codes.includes('3') && codes.includes('1020101'));
    assert.equal(tree.items.find((c: { code: string }) => c.code === '1').provisional, false);
    assert.equal(tree.items.find((c: { code: string }) => c.code === '1020101').provisional, true);
    assert.equal(tree.mayAdd, false);
    await post(t.cookies.province, '/api/v1/supplies/categories', { code: '1010103', nameZh: '救灾帐篷' });
    for (const code of ['1010100', '10101011', '4', '1a1']) {
      const bad = await post(t.cookies.province, '/api/v1/supplies/categories', { code, nameZh: '错误' }, 400);
      assert.ok(bad.error.fields.code, code);
    }
    const orphan = await post(t.cookies.province, '/api/v1/supplies/categories', { code: '1080101', nameZh: '孤儿' }, 400);
    assert.match(orphan.error.fields.code, /上级分类 10801 不存在/);
    await post(t.cookies.county, '/api/v1/supplies/categories', { code: '1010104', nameZh: '县级' }, 403);
  });

  test('items: unit, pack, whole units; an unknown category → 400', async () => {
    tentId = (
      await post(t.cookies.province, '/api/v1/supplies/items', {
        categoryCode: '1010101',
        name: '单帐篷',
        spec: '12㎡',
        unit: '顶',
        wholeUnits: true,
        packSize: 1,
        packUnit: '包',
      })
    ).id;
    fuelId = (
      await post(t.cookies.city, '/api/v1/supplies/items', { categoryCode: '2020401', name: '柴油', unit: '升', wholeUnits: false })
    ).id;
    const bad = await post(t.cookies.province, '/api/v1/supplies/items', { categoryCode: '1090909', name: '无分类', unit: '件' }, 400);
    assert.ok(bad.error.fields.categoryCode);
    const packBad = await post(
      t.cookies.province,
      '/api/v1/supplies/items',
      { categoryCode: '1010101', name: '缺包装单位', unit: '件', packSize: 10 },
      400,
    );
    assert.ok(packBad.error.fields.packUnit);
    await post(t.cookies.county, '/api/v1/supplies/items', { categoryCode: '1010101', name: '县', unit: '件' }, 403);
    const list = await get(t.cookies.county, '/api/v1/supplies/items?categoryCode=101');
    assert.equal(list.total, 1);
  });

  test('warehouses: a government reserve takes the region of its level; enterprise stock by the enterprise', async () => {
    cityWh = (
      await post(t.cookies.city, '/api/v1/supplies/warehouses', {
        name: '苏州市级储备库',
        kind: 'government',
        level: 'city',
        regionCode: CAST.city,
        lat: 31.3,
        lng: 120.6,
      })
    ).id;
    const wrong = await post(
      t.cookies.county,
      '/api/v1/supplies/warehouses',
      { name: '错', kind: 'government', level: 'city', regionCode: CAST.county },
      400,
    );
    assert.ok(wrong.error.fields.regionCode);
    const noLevel = await post(
      t.cookies.county,
      '/api/v1/supplies/warehouses',
      { name: '错', kind: 'government', regionCode: CAST.county },
      400,
    );
    assert.ok(noLevel.error.fields.level);
    countyWh = (
      await post(t.cookies.county, '/api/v1/supplies/warehouses', {
        name: '张家港市储备库',
        kind: 'government',
        level: 'county',
        regionCode: CAST.county,
      })
    ).id;
    countyWh2 = (
      await post(t.cookies.county, '/api/v1/supplies/warehouses', { name: '张家港市第二储备点', kind: 'social', regionCode: CAST.town })
    ).id;
    entWh = (await post(t.cookies.ent, '/api/v1/supplies/warehouses', { name: '企业应急物资库', regionCode: CAST.town })).id;
    // The county cannot put a warehouse in Kunshan.
    await post(t.cookies.county, '/api/v1/supplies/warehouses', { name: '外', kind: 'social', regionCode: CAST.otherTown }, 400);
  });

  test('movements: in, bad input 400 with nothing written, a take below zero → 409 naming the balance', async () => {
    const r = await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements`, {
      itemId: tentId,
      kind: 'in',
      quantity: 10,
      batchNo: 'B1',
      expiresOn: '2030-01-01',
    });
    assert.equal(r.balance, 10);
    const before = await movementsOf(countyWh);
    const frac = await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/movements`,
      { itemId: tentId, kind: 'out', quantity: 1.5 },
      400,
    );
    assert.match(frac.error.fields.quantity, /整数/);
    const neg = await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/movements`,
      { itemId: tentId, kind: 'out', quantity: -3 },
      400,
    );
    assert.ok(neg.error.fields.quantity);
    const unknown = await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/movements`,
      { itemId: crypto.randomUUID(), kind: 'in', quantity: 1 },
      400,
    );
    assert.ok(unknown.error.fields.itemId);
    const over = await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/movements`,
      { itemId: tentId, kind: 'out', quantity: 13 },
      409,
    );
    assert.equal(over.error.message, '库存不足：当前结存 10 顶');
    assert.equal(await movementsOf(countyWh), before);
    const w = await get(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}`);
    assert.equal(w.batches[0].quantity, 10);
    // A fractional quantity is fine for an item that is not counted in whole units.
    await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements`, { itemId: fuelId, kind: 'in', quantity: 12.5 });
  });

  test('FEFO: an out without a batch takes the earliest expiry first, over several batches', async () => {
    await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements`, {
      itemId: tentId,
      kind: 'in',
      quantity: 4,
      batchNo: 'B0',
      expiresOn: '2028-01-01',
    });
    const r = await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements`, {
      itemId: tentId,
      kind: 'out',
      quantity: 6,
    });
    assert.deepEqual(
      r.movements.map((m: { batchNo: string; delta: number; balance: number }) => [m.batchNo, m.delta, m.balance]),
      [
        ['B0', -4, 0],
        ['B1', -2, 8],
      ],
    );
    assert.equal(r.itemBalance, 8);
  });

  test('ledger invariants: 20 concurrent takes against a stock of 10 — exactly 10 succeed, balance 0, sum = stock (the township, on its own reserve)', async () => {
    const wh = (
      await post(t.cookies.town, '/api/v1/supplies/warehouses', {
        name: '并发测试库',
        kind: 'government',
        level: 'township',
        regionCode: CAST.town,
      })
    ).id;
    const batch = (
      await post(t.cookies.town, `/api/v1/supplies/warehouses/${wh}/movements`, {
        itemId: tentId,
        kind: 'in',
        quantity: 10,
        batchNo: 'C',
      })
    ).stockId;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.inject(t.cookies.town, 'POST', `/api/v1/supplies/warehouses/${wh}/movements`, {
          itemId: tentId,
          kind: 'out',
          quantity: 1,
          stockId: batch,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.equal(codes.filter((c) => c === 201).length, 10, codes.join(','));
    assert.equal(codes.filter((c) => c === 409).length, 10, codes.join(','));
    for (const r of results.filter((x) => x.statusCode === 409)) assert.match(r.json().error.message, /库存不足：当前结存 0 顶/);
    const [row] = await t.db.query<{ q: number; s: number; n: number; min: number }>(
      `SELECT s.quantity::float8 AS q, (SELECT sum(delta) FROM supply_movements m WHERE m.stock_id = s.id)::float8 AS s,
              (SELECT count(*) FROM supply_movements m WHERE m.stock_id = s.id)::int AS n,
              (SELECT min(balance) FROM supply_movements m WHERE m.stock_id = s.id)::float8 AS min
         FROM supply_stock s WHERE s.id = $1`,
      [batch],
    );
    assert.deepEqual(row, { q: 0, s: 0, n: 11, min: 0 });
    // Every balance recorded is distinct (the takes serialised: 9, 8, …, 0).
    const balances = (
      await t.db.query<{ b: number }>('SELECT balance::float8 AS b FROM supply_movements WHERE stock_id = $1 ORDER BY balance', [batch])
    ).map((r) => r.b);
    assert.deepEqual(balances, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // And with FEFO takes (no batch named) through postMovement directly.
    await post(t.cookies.town, `/api/v1/supplies/warehouses/${wh}/movements`, { itemId: tentId, kind: 'in', quantity: 5, batchNo: 'D1' });
    await post(t.cookies.town, `/api/v1/supplies/warehouses/${wh}/movements`, { itemId: tentId, kind: 'in', quantity: 5, batchNo: 'D2' });
    const scope = { regionPrefix: '320582', industries: null, enterpriseId: null };
    const fefo = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        withScope(t.db, scope, (tx) => postMovement(tx, null, { warehouseId: wh, itemId: tentId, kind: 'out', quantity: 2 })),
      ),
    );
    assert.equal(fefo.filter((r) => r.status === 'fulfilled').length, 5);
    const [sum] = await t.db.query<{ q: number; s: number }>(
      `SELECT (SELECT sum(quantity) FROM supply_stock WHERE warehouse_id = $1)::float8 AS q, (SELECT sum(delta) FROM supply_movements WHERE warehouse_id = $1)::float8 AS s`,
      [wh],
    );
    assert.deepEqual(sum, { q: 0, s: 0 });
  });

  test('the ledger is append-only and stock moves only by movements', async () => {
    await assert.rejects(t.db.query('UPDATE supply_movements SET delta = 100'), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM supply_movements'), /append-only/);
    await assert.rejects(t.db.query(`UPDATE supply_stock SET quantity = -1`), /check/i);
    const scope = { regionPrefix: '320582', industries: null, enterpriseId: null };
    await assert.rejects(
      withScope(t.db, scope, (tx) => tx.query('UPDATE supply_stock SET quantity = 99')),
      /permission denied/,
    );
  });

  test('count (盘点) is an adjustment with its reason; transfer keeps the batch and its expiry', async () => {
    const w = await get(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}`);
    const b1 = w.batches.find((b: { batchNo: string }) => b.batchNo === 'B1');
    const noReason = await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/counts`, { stockId: b1.id, counted: 7 }, 400);
    assert.ok(noReason.error.fields.reason);
    const c = await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/counts`,
      { stockId: b1.id, counted: 7, reason: '破损一顶报废' },
      200,
    );
    assert.deepEqual([c.difference, c.balance], [-1, 7]);
    const ledger = await get(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements?kind=adjust`);
    assert.equal(ledger.items[0].note, '破损一顶报废');
    const tr = await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/transfers`, {
      toWarehouseId: countyWh2,
      itemId: tentId,
      quantity: 3,
    });
    assert.equal(tr.in[0].batchNo, 'B1');
    assert.equal(tr.in[0].expiresOn, '2030-01-01');
    const other = await get(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh2}`);
    assert.equal(other.batches[0].quantity, 3);
    // Not to the city's reserve: across levels is a request (dispatch).
    await post(
      t.cookies.county,
      `/api/v1/supplies/warehouses/${countyWh}/transfers`,
      { toWarehouseId: cityWh, itemId: tentId, quantity: 1 },
      403,
    );
  });

  test('scope: the county reads the city reserve but cannot move it; Kunshan neither; an enterprise its own', async () => {
    await post(t.cookies.city, `/api/v1/supplies/warehouses/${cityWh}/movements`, { itemId: tentId, kind: 'in', quantity: 50 });
    const seen = await get(t.cookies.county, `/api/v1/supplies/warehouses/${cityWh}`);
    assert.deepEqual([seen.readOnly, seen.allowedActions], [true, []]);
    await post(t.cookies.county, `/api/v1/supplies/warehouses/${cityWh}/movements`, { itemId: tentId, kind: 'out', quantity: 1 }, 403);
    const above = await get(t.cookies.county, '/api/v1/supplies/warehouses?scope=above');
    assert.deepEqual(
      above.items.map((w: { id: string }) => w.id),
      [cityWh],
    );
    await get(t.cookies.kunshan, `/api/v1/supplies/warehouses/${countyWh}`, 404);
    await post(t.cookies.kunshan, `/api/v1/supplies/warehouses/${countyWh}/movements`, { itemId: tentId, kind: 'out', quantity: 1 }, 404);
    const kunshan = await get(t.cookies.kunshan, '/api/v1/supplies/warehouses');
    assert.deepEqual(
      kunshan.items.map((w: { id: string }) => w.id),
      [cityWh],
    );
    // Directly through the ledger with Kunshan's scope: refused too (and RLS would refuse the insert).
    await assert.rejects(
      withScope(t.db, { regionPrefix: '320583', industries: null, enterpriseId: null }, (tx) =>
        postMovement(tx, null, { warehouseId: countyWh, itemId: tentId, kind: 'in', quantity: 1 }),
      ),
    );
    const ent = await get(t.cookies.ent, '/api/v1/supplies/warehouses');
    assert.deepEqual(
      ent.items.map((w: { id: string }) => w.id),
      [entWh],
    );
    await post(t.cookies.ent, `/api/v1/supplies/warehouses/${entWh}/movements`, { itemId: fuelId, kind: 'in', quantity: 200 });
    await get(t.cookies.otherEnt, `/api/v1/supplies/warehouses/${entWh}`, 404);
    // The county reads the enterprise's stock in its region but does not move it.
    const entSeen = await get(t.cookies.county, `/api/v1/supplies/warehouses/${entWh}`);
    assert.deepEqual(entSeen.allowedActions, []);
    const byCat = await get(t.cookies.county, '/api/v1/supplies/stock/by-category?level=1');
    assert.deepEqual(
      byCat.items.map((c: { code: string }) => c.code),
      ['1', '2'],
    );
    const withAbove = await get(t.cookies.county, '/api/v1/supplies/stock/items?above=true&categoryCode=1010101');
    assert.equal(withAbove.items[0].quantity, 4 + 3 + 50);
  });

  test("a government reserve is moved by its own level: the city may not draw, transfer or count the county's", async () => {
    const W = '/api/v1/supplies/warehouses';
    const before = await t.db.query<{ q: string }>(
      'SELECT coalesce(sum(quantity), 0)::text AS q FROM supply_stock WHERE warehouse_id = $1',
      [countyWh],
    );
    const seen = await get(t.cookies.city, `${W}/${countyWh}`);
    assert.deepEqual([seen.readOnly, seen.allowedActions], [true, []]);
    const n = await movementsOf(countyWh);
    await post(t.cookies.city, `${W}/${countyWh}/movements`, { itemId: tentId, kind: 'out', quantity: 1, note: '直接调用' }, 403);
    await post(t.cookies.city, `${W}/${countyWh}/transfers`, { toWarehouseId: cityWh, itemId: tentId, quantity: 1 }, 403);
    const batch = (await get(t.cookies.county, `${W}/${countyWh}`)).batches[0];
    await post(t.cookies.city, `${W}/${countyWh}/counts`, { stockId: batch.id, counted: 0, reason: '盘亏' }, 403);
    await post(t.cookies.province, `${W}/${countyWh}/movements`, { itemId: tentId, kind: 'out', quantity: 1, note: '直接调用' }, 403);
    assert.equal(await movementsOf(countyWh), n);
    const after = await t.db.query<{ q: string }>(
      'SELECT coalesce(sum(quantity), 0)::text AS q FROM supply_stock WHERE warehouse_id = $1',
      [countyWh],
    );
    assert.equal(after[0]?.q, before[0]?.q);
    // The county, which owns it, still moves it; the city its own.
    const own = await get(t.cookies.county, `${W}/${countyWh}`);
    assert.ok(own.allowedActions.includes('issue') && own.allowedActions.includes('transfer') && own.allowedActions.includes('count'));
    await post(t.cookies.county, `${W}/${countyWh}/movements`, { itemId: tentId, kind: 'out', quantity: 1, note: '本级动用' });
    await post(t.cookies.county, `${W}/${countyWh}/movements`, { itemId: tentId, kind: 'in', quantity: 1 });
    assert.ok((await get(t.cookies.city, `${W}/${cityWh}`)).allowedActions.includes('issue'));
  });

  test('工作台: about to expire and below minimum, each count equal to its list', async () => {
    await post(t.cookies.county, `/api/v1/supplies/warehouses/${countyWh}/movements`, {
      itemId: tentId,
      kind: 'in',
      quantity: 2,
      batchNo: 'SOON',
      expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    });
    const min = await t.inject(t.cookies.county, 'PUT', `/api/v1/supplies/warehouses/${countyWh}/minimums`, {
      itemId: fuelId,
      minimum: 100,
    });
    assert.equal(min.statusCode, 200, min.body);
    const frac = await t.inject(t.cookies.county, 'PUT', `/api/v1/supplies/warehouses/${countyWh}/minimums`, {
      itemId: tentId,
      minimum: 1.5,
    });
    assert.equal(frac.statusCode, 400);
    const [user] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'cast-county'");
    const actor = {
      id: user?.id ?? '',
      username: 'cast-county',
      role: 'countySupervisor' as const,
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const items = await withScope(t.db, actor.scope, (tx) => suppliesWorkItems(actor, actor.scope, tx));
    for (const item of items) {
      const list = await get(t.cookies.county, `${item.apiPath}?view=${item.query.view}`);
      assert.equal(item.count, list.total, item.kind);
      assert.ok(item.count >= 1, item.kind);
    }
    const expiring = await get(t.cookies.county, '/api/v1/supplies/stock/alerts?view=expiring');
    assert.equal(expiring.items[0].batchNo, 'SOON');
    // Kunshan has nothing of the county's.
    const k = await get(t.cookies.kunshan, '/api/v1/supplies/stock/alerts?view=expiring');
    assert.equal(k.total, 0);
  });
});
