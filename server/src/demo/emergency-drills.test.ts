// The drills demo: in 宿城区 drills done and missing, this year and last, one spot-checked qualified,
// one reported awaiting the spot-check, one held without its evaluation, one planned, one cancelled,
// a problem made a hazard, government drills; the county's missing list names units; seeding twice
// adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { unitObligations } from '../modules/emergency/drills-service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoDrills } from './emergency-drills.ts';
import { demoActor } from './enforcement-inspections.ts';
import { seedDemo } from './seed.ts';

describe('drills demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoDrills(db);
  });
  after(() => drop());

  test('every state in 321302, a problem made a hazard, government drills; missing units named; idempotent', async () => {
    const rows = await db.query<{ status: string; owner_kind: string; evaluated: boolean; hazards: number; year: number }>(
      `SELECT status, owner_kind, evaluated_at IS NOT NULL AS evaluated,
              (SELECT count(*)::int FROM jsonb_array_elements(problems) p WHERE p->>'hazardId' IS NOT NULL) AS hazards,
              extract(year FROM coalesce(held_on, planned_on))::int AS year
       FROM emergency_drills WHERE region_code >= '321302' AND region_code < '321302~'`,
    );
    const has = (f: (r: (typeof rows)[number]) => boolean, what: string) => assert.ok(rows.some(f), `${what}: ${JSON.stringify(rows)}`);
    has((r) => r.status === 'checkedQualified', 'spot-checked qualified');
    has((r) => r.status === 'reported', 'awaiting the spot-check');
    has((r) => r.status === 'done' && !r.evaluated, 'held without its evaluation');
    has((r) => r.status === 'planned', 'planned');
    has((r) => r.status === 'cancelled', 'cancelled');
    has((r) => r.hazards > 0, 'a problem made a hazard');
    has((r) => r.owner_kind === 'government', 'a government drill');
    const years = new Set(rows.map((r) => r.year));
    assert.ok(years.size >= 2, 'this year and last');
    const county = await demoActor(db, 'county');
    const units = await readScoped(db, county?.scope as never, (tx) => unitObligations(tx, {}));
    assert.ok(
      units.some((u) => u.obligations.some((o) => o.state === 'missed')),
      'units with missed drills',
    );
    await seedDemoDrills(db);
    const [again] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_drills');
    assert.equal(again?.n, rows.length);
  });
});
