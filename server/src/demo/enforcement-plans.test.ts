// The demo's classes and plans: every demo-city enterprise classed, the demo county's plan published
// (with a scheduled key inspection), the second county's in draft, a running campaign; twice is once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoPlans } from './enforcement-plans.ts';
import { DEMO_CITY, seedDemo } from './seed.ts';

describe('demo classes and plans', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    await seedDemoPlans(db);
    await seedDemoPlans(db);
  });
  after(() => drop());

  test('classes, a published and a draft plan, a scheduled key inspection, a running campaign; seeding twice adds nothing', async () => {
    const [classes] = await db.query<{ n: number; ents: number }>(
      `SELECT (SELECT count(*)::int FROM enterprise_classes) AS n,
              (SELECT count(*)::int FROM enterprises WHERE region_code LIKE $1) AS ents`,
      [`${DEMO_CITY.slice(0, 4)}%`],
    );
    assert.ok(classes && classes.n > 0 && classes.n === classes.ents, JSON.stringify(classes));
    const plans = await db.query<{ status: string; username: string; items: number; officers: number }>(
      `SELECT p.status, u.username, (SELECT count(*)::int FROM enforcement_plan_items i WHERE i.plan_id = p.id) AS items, p.officers
       FROM enforcement_plans p JOIN users u ON left(u.region_code, 6) = left(p.region_code, 6) AND u.username IN ('county', 'county2')
       ORDER BY u.username`,
    );
    assert.deepEqual(
      plans.map((p) => [p.username, p.status]),
      [
        ['county', 'published'],
        ['county2', 'draft'],
      ],
    );
    assert.ok(plans.every((p) => p.items > 0));
    assert.equal(plans[0]?.officers, 4);
    const [planned] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM enforcement_inspections WHERE source = 'plan'");
    assert.equal(planned?.n, 1);
    const [graded] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises WHERE standardization_grade IS NOT NULL');
    assert.ok((graded?.n ?? 0) > 0);
    const [campaigns] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_campaigns');
    assert.equal(campaigns?.n, 1);
  });
});
