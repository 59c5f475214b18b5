// The plans demo: in 宿城区 a plan overdue for evaluation, a filing awaiting acceptance, one accepted
// with its 备案登记表 number, one with the one-time notice; a government plan; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoEmergencyPlans } from './emergency-plans.ts';
import { seedDemo } from './seed.ts';

describe('emergency plans demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoEmergencyPlans(db);
  });
  after(() => drop());

  test('every state the pages show; idempotent', async () => {
    const filings = await db.query<{ status: string; record_number: string | null; missing: number }>(
      `SELECT f.status, f.record_number, jsonb_array_length(f.missing_items) AS missing FROM emergency_plan_filings f
       WHERE f.region_code >= '321302' AND f.region_code < '321302~'`,
    );
    assert.ok(
      filings.some((f) => f.status === 'accepted' && f.record_number),
      JSON.stringify(filings),
    );
    assert.ok(
      filings.some((f) => f.status === 'submitted'),
      'awaiting acceptance',
    );
    assert.ok(
      filings.some((f) => f.status === 'returned' && f.missing > 0),
      'one-time notice',
    );
    const plans = await db.query<{ owner_kind: string; plan_type: string; status: string; published_on: string | null }>(
      "SELECT owner_kind, plan_type, status, published_on::text FROM emergency_plans WHERE region_code >= '3213' AND region_code < '3213~'",
    );
    assert.deepEqual([...new Set(plans.map((p) => p.plan_type))].sort(), ['comprehensive', 'onSite', 'special']);
    assert.ok(plans.some((p) => p.owner_kind === 'government'));
    assert.ok(plans.some((p) => p.status === 'reviewed'));
    const [overdue] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM emergency_plans WHERE status = 'published' AND evaluated_on IS NULL AND published_on < current_date - interval '3 years'",
    );
    assert.equal(overdue?.n, 1);
    const [docs] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_plan_documents');
    assert.equal(docs?.n, 2);
    await seedDemoEmergencyPlans(db);
    const [again] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_plans');
    assert.equal(again?.n, plans.length);
  });
});
