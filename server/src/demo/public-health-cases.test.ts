// The cases demo: the disease reference, facilities with their reporters, `clinic` and `cdc`, a
// season of cases in every status (late, returned, revoked, merged), 2025 cases, and the COVID-19
// cluster of demo town1 the events and levels demos build on; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openTestDb } from '../test/harness.ts';
import { DEMO_CLUSTER, seedDemoPhCases } from './public-health-cases.ts';
import { seedDemo } from './seed.ts';

describe('cases demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const keyring = new Keyring(newKeyFile());
  let ms = 0;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 30 });
    const t = Date.now();
    await seedDemoPhCases(db, keyring);
    ms = Date.now() - t;
  });
  after(() => drop());

  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ph_cases'))[0]?.n;

  test('every status, late ones, merges with their trail, 2025 cases; fast', async () => {
    const st = await db.query<{ status: string }>('SELECT DISTINCT status FROM ph_cases ORDER BY status');
    assert.deepEqual(
      st.map((s) => s.status),
      ['merged', 'reported', 'returned', 'reviewed', 'revoked'],
    );
    const [x] = await db.query<{ late: number; merges: number; y2025: number; tasks: number; n: number }>(
      `SELECT (SELECT count(*)::int FROM ph_cases WHERE late) AS late, (SELECT count(*)::int FROM ph_case_merges) AS merges,
              (SELECT count(*)::int FROM ph_cases WHERE diagnosed_at < '2026-01-01') AS y2025,
              (SELECT count(*)::int FROM ph_tasks WHERE kind = 'investigation') AS tasks, (SELECT count(*)::int FROM ph_cases) AS n`,
    );
    assert.ok(x && x.late >= 2 && x.merges === 2 && x.y2025 >= 30 && x.tasks > 50, JSON.stringify(x));
    assert.ok(x && x.n >= 150 && x.n <= 260, String(x?.n));
    assert.ok(ms < 30_000, `${ms} ms`);
  });

  test('the cluster: 6 confirmed COVID-19 in demo town1 diagnosed 2–9 days ago', async () => {
    const [c] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ph_cases c JOIN users u ON u.username = 'clinic' JOIN enterprises e ON e.id = u.enterprise_id
        WHERE c.disease_code = $1 AND c.region_code = e.region_code AND c.classification = 'confirmed'
          AND c.status NOT IN ('merged', 'revoked') AND c.diagnosed_at BETWEEN now() - interval '10 days' AND now() - interval '2 days'`,
      [DEMO_CLUSTER.diseaseCode],
    );
    assert.ok((c?.n ?? 0) >= 6, String(c?.n));
  });

  test('the person is sealed; seeding twice adds nothing', async () => {
    const rows = await db.query<{ person_sealed: string }>('SELECT person_sealed FROM ph_cases LIMIT 20');
    for (const r of rows) assert.ok(!/[\u4e00-\u9fa5]/.test(r.person_sealed));
    const before = await count();
    await seedDemoPhCases(db, keyring);
    assert.equal(await count(), before);
  });
});
