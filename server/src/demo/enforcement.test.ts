// The demo's enforcement pages are alive after `npm start`: for the demo county's supervisor,
// inspections in several states with their documents, a hazard found by enforcement and a case.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoEnforcement } from './enforcement.ts';
import { seedDemo } from './seed.ts';

describe('demo enforcement', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    await seedDemoEnforcement(db);
    await seedDemoEnforcement(db);
  });
  after(() => drop());

  test('every part shows data in several states; seeding twice adds nothing', async () => {
    const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]?.n ?? 0;
    const states = await db.query<{ status: string }>('SELECT DISTINCT status FROM enforcement_inspections ORDER BY status');
    assert.deepEqual(
      states.map((s) => s.status),
      ['cancelled', 'closed', 'inProgress', 'planned', 'recorded'],
    );
    const caseStates = await db.query<{ status: string }>('SELECT DISTINCT status FROM enforcement_cases');
    assert.ok(caseStates.length >= 4, caseStates.map((s) => s.status).join());
    assert.ok((await count("SELECT count(*)::int AS n FROM enforcement_documents WHERE kind = 'inspectionRecord'")) >= 2);
    assert.ok((await count('SELECT count(*)::int AS n FROM hazards WHERE enforcement_inspection_id IS NOT NULL')) >= 3);
    assert.ok((await count("SELECT count(*)::int AS n FROM enforcement_draws WHERE status = 'drawn'")) >= 1);
    assert.ok((await count("SELECT count(*)::int AS n FROM enforcement_plans WHERE status = 'published'")) >= 1);
    assert.ok((await count('SELECT count(*)::int AS n FROM enterprise_classes')) >= 20);
    assert.ok((await count("SELECT count(*)::int AS n FROM enforcement_cases WHERE filed_at < '2026-01-01'")) >= 2, 'past years');
    // The second run added nothing: one of each of this seed's own inspections.
    assert.equal(
      await count("SELECT count(*)::int AS n FROM enforcement_inspections WHERE cancel_reason = '企业已于上月停产，待复产前检查'"),
      1,
    );
  });
});
