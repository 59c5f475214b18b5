// 应急物资's demo: reserves at the province, city and county, a social and an enterprise stock, a
// year of movements through the ledger (every batch = the sum of its movements), batches about to
// expire and one expired, items below their minimum; the county reads the city's reserve; seeding
// twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { countAlerts, listWarehouses } from '../modules/emergency/supplies-service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoSupplies } from './emergency-supplies.ts';
import { demoActor } from './enforcement-inspections.ts';
import { seedDemo } from './seed.ts';

describe('supplies demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 30 });
    await seedDemoSupplies(db);
  });
  after(() => drop());

  test('reserves at three levels and an enterprise stock, a consistent year of ledger, alerts; idempotent', async () => {
    const ws = await db.query<{ kind: string; level: string | null; region_code: string }>(
      'SELECT kind, level, region_code FROM supply_warehouses ORDER BY created_at',
    );
    const levels = ws.map((w) => `${w.kind}:${w.level ?? ''}:${w.region_code.slice(0, 6)}`);
    for (const l of ['government:province:320000', 'government:city:321300', 'government:county:321302', 'social::321302'])
      assert.ok(levels.includes(l), `${l} in ${levels}`);
    assert.ok(ws.some((w) => w.kind === 'enterprise'));
    const [ledger] = await db.query<{ off: number; moves: number; first: string }>(
      `SELECT (SELECT count(*)::int FROM supply_stock s WHERE s.quantity <> (SELECT coalesce(sum(delta), 0) FROM supply_movements m WHERE m.stock_id = s.id)) AS off,
              (SELECT count(*)::int FROM supply_movements) AS moves,
              (SELECT min(at)::date::text FROM supply_movements) AS first`,
    );
    assert.equal(ledger?.off, 0);
    assert.ok((ledger?.moves ?? 0) > 100);
    assert.ok((ledger?.first ?? '') <= new Date(Date.now() - 350 * 86_400_000).toISOString().slice(0, 10), 'a year of movements');

    const county = await demoActor(db, 'county');
    const ent = await demoActor(db, 'entadmin');
    assert.ok(county && ent);
    const expiring = await withScope(db, county.scope, (tx) => countAlerts(tx, 'expiring'));
    const below = await withScope(db, county.scope, (tx) => countAlerts(tx, 'belowMinimum'));
    assert.ok(expiring >= 2 && below >= 2, `county: ${expiring} expiring, ${below} below minimum`);
    assert.ok((await withScope(db, ent.scope, (tx) => countAlerts(tx, 'belowMinimum'))) >= 1);
    const seen = await listWarehouses(db, county, { scope: 'above', page: 1, pageSize: 50 });
    assert.deepEqual(seen.items.map((w) => w.level).sort(), ['city', 'province']);
    assert.ok(seen.items.every((w) => w.readOnly));

    const before = await db.query('SELECT count(*)::int AS n FROM supply_movements');
    await seedDemoSupplies(db);
    assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM supply_movements'), before);
  });
});
