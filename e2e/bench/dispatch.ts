// Benchmark (issue 27 item 12): proposing warehouses for a 20-line request among 1,000 warehouses
// in < 200 ms. The reserves are made in the database: 1,000 government warehouses around 宿迁
// (300 of the city, 200 of the province, 500 of the counties, which the proposal ignores), each
// holding the 20 items of the request (20,000 batches filled through the ledger's movements). A
// county's request for the 20 items (each more than a few warehouses hold, so every line draws on
// several) is approved by the city; the proposal is the route's own function (dispatchProposal:
// the scoped read of the request, stockByWarehouse, the producers, proposeWarehouses), asked 30
// times; the pure ranking is timed apart. BENCH_DISPATCH_WAREHOUSES scales the warehouses.
import { performance } from 'node:perf_hooks';
import { demoActor } from '../../server/src/demo/enforcement-inspections.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { createRequest, dispatchProposal, takeDispatchStep } from '../../server/src/modules/emergency/dispatch-service.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import type { BenchDatabase } from './harness.ts';

const W = Number(process.env.BENCH_DISPATCH_WAREHOUSES ?? 1000);
const LINES = 20;
const RUNS = 30;

type Result = { warehouses: number; lines: number; runs: number; p50: number; p95: number; max: number; picks: number };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10;
};

export async function benchDispatch(d: BenchDatabase): Promise<Result> {
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  try {
    await seedDemo(db);
    const county = await demoActor(db, 'county');
    const city = await demoActor(db, 'city');
    if (!county || !city) throw new Error('the demo accounts are missing');
    const items = await db.query<{ id: string }>(
      `INSERT INTO supply_items (category_code, name, unit, whole_units)
       SELECT '1010199', '基准物资' || g, '件', true FROM generate_series(1, ${LINES}) g RETURNING id`,
    );
    // 30% city, 20% province, 50% county reserves, scattered within ~0.5° of 宿迁.
    await db.query(
      `INSERT INTO supply_warehouses (name, kind, level, region_code, lat, lng, address)
       SELECT '基准仓库' || g, 'government',
              CASE WHEN g % 10 < 3 THEN 'city' WHEN g % 10 < 5 THEN 'province' ELSE 'county' END,
              CASE WHEN g % 10 < 3 THEN '321300000000' WHEN g % 10 < 5 THEN '320000000000' ELSE '321302000000' END,
              33.96 + ((g * 7919) % 1000) / 1000.0 - 0.5, 118.28 + ((g * 104729) % 1000) / 1000.0 - 0.5, ''
         FROM generate_series(1, $1::int) g`,
      [W],
    );
    await db.query(
      `INSERT INTO supply_stock (warehouse_id, item_id, batch_no)
       SELECT w.id, i.id, 'BENCH' FROM supply_warehouses w CROSS JOIN supply_items i
        WHERE w.name LIKE '基准仓库%' AND i.name LIKE '基准物资%'`,
    );
    await db.query(
      `INSERT INTO supply_movements (stock_id, warehouse_id, item_id, kind, delta, note)
       SELECT s.id, s.warehouse_id, s.item_id, 'in', 10 + (get_byte(uuid_send(s.id), 15) % 90), '基准'
         FROM supply_stock s WHERE s.batch_no = 'BENCH'`,
    );
    await db.query('ANALYZE supply_stock, supply_warehouses, supply_items');
    const now = new Date();
    const r = await createRequest(
      db,
      county,
      {
        purpose: '基准测试',
        deliverTo: '宿城区',
        deliverLat: 33.95,
        deliverLng: 118.25,
        receiverUnit: '宿城区应急管理局',
        receiverName: '基准',
        receiverPhone: '13800000000',
        neededBy: new Date(now.getTime() + 3_600_000).toISOString(),
        priority: 'urgent',
        submit: true,
        lines: items.map((i) => ({ itemId: i.id, quantity: 500 })),
      },
      now,
    );
    await takeDispatchStep(
      db,
      city,
      r.id,
      'approve',
      { version: r.version, lines: r.lines.map((l) => ({ lineId: l.id, quantity: 500 })) },
      now,
    );
    const times: number[] = [];
    let picks = 0;
    await dispatchProposal(db, city, r.id); // warm
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const p = await dispatchProposal(db, city, r.id);
      times.push(performance.now() - s);
      picks = p.lines.reduce((a, l) => a + l.picks.length, 0);
    }
    const result = { warehouses: W, lines: LINES, runs: RUNS, p50: pct(times, 50), p95: pct(times, 95), max: pct(times, 100), picks };
    console.log(
      `[${d.kind}] proposal for ${LINES} lines among ${W} warehouses: p50 ${result.p50} ms, p95 ${result.p95} ms (${picks} picks)`,
    );
    return result;
  } finally {
    await db.close();
  }
}

export function reportDispatch(results: ({ kind: string } & Result)[]) {
  console.log('\ndispatch proposal for a 20-line request (target < 200 ms):');
  console.table(
    results.map((r) => ({
      database: r.kind,
      warehouses: r.warehouses,
      lines: r.lines,
      runs: r.runs,
      'p50 ms': r.p50,
      'p95 ms': r.p95,
      'max ms': r.max,
      picks: r.picks,
    })),
  );
}
