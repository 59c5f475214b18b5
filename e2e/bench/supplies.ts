// Benchmark (issue 27 item 12, owner: supplies): stock by category for a province — 1,000
// warehouses, 50,000 items, 5,000,000 ledger movements — through the API against the same SQL run
// bare, side by side (target: API ≥ 0.7 of bare). The bare SQL is the service's own text
// (stockByCategorySql) for the province's scope, with the category names read beside it as the
// API does.
//
// Everything is made in the database by generate_series, not row by row: the warehouses spread over
// the province's cities and counties (government reserves of each level, enterprise and social
// stocks), the items over the seeded 细类 codes, 500 batches per warehouse (500,000), and 10
// movements per batch (an 'in', then nine 'out's) whose balances follow the ledger's rule; the
// ledger trigger is off while they are written in bulk (its per-row lock is what the tests prove),
// and the batches' quantities are the sums of their movements, checked at the end.
// BENCH_SUPPLIES_WAREHOUSES / _ITEMS / _BATCHES (per warehouse) scale it.
import { performance } from 'node:perf_hooks';
import { regionPrefix } from '@taishan/domain';
import type { Db } from '../../server/src/db/db.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { stockByCategorySql } from '../../server/src/modules/emergency/supplies-service.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { type BenchDatabase, CLIENTS } from './harness.ts';
import { measureStatsView, printStatsViews, type ViewResult } from './stats-views.ts';

const WAREHOUSES = Number(process.env.BENCH_SUPPLIES_WAREHOUSES ?? 1_000);
const ITEMS = Number(process.env.BENCH_SUPPLIES_ITEMS ?? 50_000);
const BATCHES = Number(process.env.BENCH_SUPPLIES_BATCHES ?? 500);
const MOVES = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Result = {
  warehouses: number;
  items: number;
  batches: number;
  movements: number;
  generateSeconds: number;
  consistent: boolean;
  views: ViewResult[];
};

async function generateSupplies(db: Db, province: string) {
  // Warehouses: every 10th a city reserve, every 50th the province's, a fifth enterprise or social stocks, the rest county reserves.
  await db.query(
    `WITH cities AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM regions WHERE level = 'city' AND code LIKE $2 || '%'),
          counties AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM regions WHERE level = 'county' AND code LIKE $2 || '%'),
          g AS (SELECT g FROM generate_series(1, $1::int) g)
     INSERT INTO supply_warehouses (name, kind, level, region_code, lat, lng, address, contact_name, contact_phone)
     SELECT '基准仓库' || g.g,
            CASE WHEN g.g % 50 = 0 OR g.g % 10 = 0 THEN 'government' WHEN g.g % 5 = 1 THEN 'social' ELSE 'government' END,
            CASE WHEN g.g % 50 = 0 THEN 'province' WHEN g.g % 10 = 0 THEN 'city' WHEN g.g % 5 = 1 THEN NULL ELSE 'county' END,
            CASE WHEN g.g % 50 = 0 THEN rpad($2, 12, '0')
                 WHEN g.g % 10 = 0 THEN (SELECT code FROM cities WHERE i = g.g % (SELECT max(n) FROM cities))
                 ELSE (SELECT code FROM counties WHERE i = g.g % (SELECT max(n) FROM counties)) END,
            31 + (g.g % 300) / 100.0, 118 + (g.g % 400) / 100.0, '基准地址', '值班员', '0527-0000000'
       FROM g`,
    [WAREHOUSES, province],
  );
  const units = ['件', '顶', '箱', '套', '台', '千克', '升', '个'];
  await db.query(
    `WITH cats AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM supply_categories WHERE level = 4)
     INSERT INTO supply_items (category_code, code, name, spec, unit, whole_units)
     SELECT (SELECT code FROM cats WHERE i = g % (SELECT max(n) FROM cats)), 'BENCH-' || g, '基准物资' || g, '规格' || (g % 17),
            ($2::text[])[1 + g % 8], g % 8 < 5
       FROM generate_series(1, $1::int) g`,
    [ITEMS, units],
  );
  // Batches: BATCHES per warehouse, items spread by a multiplicative step; quantity = in − 9 × out.
  await db.query('ALTER TABLE supply_stock DISABLE TRIGGER supply_stock_copy_warehouse');
  try {
    await db.query(
      `WITH w AS (SELECT id, region_code, owner_prefix, kind, enterprise_id, row_number() OVER (ORDER BY id) - 1 AS wi FROM supply_warehouses WHERE name LIKE '基准仓库%'),
            it AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS ii FROM supply_items WHERE code LIKE 'BENCH-%')
       INSERT INTO supply_stock (warehouse_id, item_id, batch_no, expires_on, quantity, region_code, owner_prefix, kind, enterprise_id)
       SELECT w.id, it.id, 'B' || k, current_date + ((w.wi * 31 + k * 7) % 1500)::int - 100,
              (50 + (w.wi + k) % 100) - 9 * (1 + (w.wi + k) % 5), w.region_code, w.owner_prefix, w.kind, w.enterprise_id
         FROM w CROSS JOIN generate_series(0, $1::int - 1) k
         JOIN it ON it.ii = ((w.wi * 7919 + k * 104729) % $2::bigint)`,
      [BATCHES, ITEMS],
    );
  } finally {
    await db.query('ALTER TABLE supply_stock ENABLE TRIGGER supply_stock_copy_warehouse');
  }
  // Movements: per batch one 'in' of q0 then nine 'out's of o, a year apart over the past year.
  await db.query('ALTER TABLE supply_movements DISABLE TRIGGER supply_movements_apply');
  try {
    // The out size o of a batch comes from its id's hash; its 'in' is quantity + 9·o, so the balance after
    // the last 'out' is the batch's quantity.
    await db.query(
      `WITH s AS (SELECT s.id, s.warehouse_id, s.item_id, s.region_code, s.owner_prefix, s.kind, s.enterprise_id, s.quantity,
                         1 + (abs(hashtext(s.id::text)) % 5) AS o FROM supply_stock s)
       INSERT INTO supply_movements (stock_id, warehouse_id, item_id, kind, delta, balance, ref_type, note, actor_name, at,
                                     region_code, owner_prefix, stock_kind, enterprise_id)
       SELECT s.id, s.warehouse_id, s.item_id, CASE WHEN j = 0 THEN 'in' ELSE 'out' END,
              CASE WHEN j = 0 THEN s.quantity + ($1::int - 1) * s.o ELSE -s.o END,
              s.quantity + ($1::int - 1 - j) * s.o, 'bench', '', 'bench', now() - ((($1::int - j) * 36) || ' days')::interval,
              s.region_code, s.owner_prefix, s.kind, s.enterprise_id
         FROM s CROSS JOIN generate_series(0, $1::int - 1) j`,
      [MOVES],
    );
  } finally {
    await db.query('ALTER TABLE supply_movements ENABLE TRIGGER supply_movements_apply');
  }
  await db.query('VACUUM ANALYZE supply_warehouses, supply_items, supply_stock, supply_movements');
  await db.query('CHECKPOINT').catch(() => undefined);
}

export async function benchSupplies(d: BenchDatabase): Promise<Result> {
  const t0 = performance.now();
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  await seedDemo(db);
  const [user] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'province'");
  const prefix = regionPrefix(user?.region_code ?? '320000000000');
  await generateSupplies(db, prefix);
  const [n] = await db.query<{ warehouses: number; items: number; batches: number; movements: number; off: number }>(
    `SELECT (SELECT count(*)::int FROM supply_warehouses) AS warehouses, (SELECT count(*)::int FROM supply_items) AS items,
            (SELECT count(*)::int FROM supply_stock) AS batches, (SELECT count(*)::int FROM supply_movements) AS movements,
            (SELECT count(*)::int FROM supply_stock s
               JOIN (SELECT stock_id, sum(delta) AS total, min(balance) AS low FROM supply_movements GROUP BY stock_id) m ON m.stock_id = s.id
              WHERE m.total <> s.quantity OR m.low < 0) AS off`,
  );
  await db.close();
  const generateSeconds = (performance.now() - t0) / 1000;
  console.log(
    `[${d.kind}] generated ${n?.warehouses} warehouses, ${n?.items} items, ${n?.batches} batches, ${n?.movements} movements in ${generateSeconds.toFixed(1)} s (batches off their ledger: ${n?.off})`,
  );

  const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
  const views: ViewResult[] = [];
  for (const level of [1, 2, 4]) {
    const q = { level, above: 'false' as const };
    const { sql, params } = stockByCategorySql(scope, q);
    views.push(
      await measureStatsView(
        d,
        {
          name: `province stock by category, level ${level}`,
          user: 'province',
          url: `/api/v1/supplies/stock/by-category?level=${level}`,
          scope,
          statements: [
            { sql, params },
            { sql: 'SELECT code, name_zh, name_en, provisional FROM supply_categories WHERE level = $1', params: [level] },
          ],
        },
        { rounds: ROUNDS, clients: CLIENTS },
      ),
    );
  }
  return {
    warehouses: n?.warehouses ?? 0,
    items: n?.items ?? 0,
    batches: n?.batches ?? 0,
    movements: n?.movements ?? 0,
    generateSeconds,
    consistent: (n?.off ?? 1) === 0,
    views,
  };
}

export function reportSupplies(results: ({ kind: string } & Result)[]) {
  for (const r of results)
    console.log(
      '\nsupplies stock by category [%s]: %d warehouses, %d items, %d batches, %d movements (generated in %d s; every batch = the sum of its movements: %s), %d clients, medians of %d rounds (target: API ≥ 0.7 of bare):',
      r.kind,
      r.warehouses,
      r.items,
      r.batches,
      r.movements,
      Math.round(r.generateSeconds),
      r.consistent ? 'yes' : 'NO',
      CLIENTS,
      ROUNDS,
    );
  printStatsViews(results.map((r) => ({ kind: r.kind, views: r.views })));
}
