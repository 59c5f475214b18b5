// The command board demo: the demo's open items collected, 12345 calls entered, signals walked into
// every stage of the loop (pushed to the demo enterprise and the demo township, feedback awaiting
// verification, closed with feedback, dismissed), overdue ones escalated; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoAccidents } from './accidents.ts';
import { seedDemoCmBoard } from './command-board.ts';
import { seedDemoDispatch } from './emergency-dispatch.ts';
import { seedDemoSupplies } from './emergency-supplies.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemo } from './seed.ts';

describe('command board demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const keyring = new Keyring(newKeyFile());
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoAccidents(db);
    await seedDemoSupplies(db);
    await seedDemoDispatch(db);
    await seedDemoReports(db, keyring);
    await seedDemoCmBoard(db, keyring);
  });
  after(() => drop());

  const counts = async () =>
    (
      await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM command_signals) || '/' || (SELECT count(*) FROM command_signal_steps) || '/' ||
                (SELECT count(*) FROM command_hotline_calls) AS n`,
      )
    )[0]?.n;

  test('signals of the demo sources, every stage, pushes to the enterprise and the township, escalations', async () => {
    const types = await db.query<{ source_type: string }>('SELECT DISTINCT source_type FROM command_signals ORDER BY 1');
    const have = types.map((t) => t.source_type);
    for (const t of ['accident', 'hotline', 'majorHazard', 'publicReport', 'supplyRequest']) assert.ok(have.includes(t), t);
    const stages = await db.query<{ stage: string }>(
      `SELECT DISTINCT stage FROM command_signals WHERE region_code >= '3213' AND region_code < '3213~' ORDER BY 1`,
    );
    assert.deepEqual(
      stages.map((s) => s.stage),
      ['analysed', 'closed', 'collected', 'judged', 'pushed', 'verified'],
    );
    const [p] = await db.query<{ ent: number; town: number; fed: number; esc: number; dismissed: number }>(
      `SELECT count(*) FILTER (WHERE stage = 'pushed' AND pushed_enterprise_id = (SELECT enterprise_id FROM users WHERE username = 'entadmin'))::int AS ent,
              count(*) FILTER (WHERE stage = 'pushed' AND pushed_region_code = (SELECT region_code FROM users WHERE username = 'township'))::int AS town,
              count(*) FILTER (WHERE stage = 'pushed' AND feedback_at IS NOT NULL)::int AS fed,
              count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS esc,
              (SELECT count(*)::int FROM command_signal_steps WHERE action = 'dismiss') AS dismissed
         FROM command_signals`,
    );
    assert.ok(p && p.ent > 0 && p.town > 0 && p.fed > 0 && p.esc > 0 && p.dismissed > 0, JSON.stringify(p));
    // No caller in any signal.
    assert.ok(!JSON.stringify(await db.query('SELECT * FROM command_signals')).includes('13951230001'));
  });

  test('seeding again adds nothing', async () => {
    const before = await counts();
    await seedDemoCmBoard(db, keyring);
    assert.equal(await counts(), before);
  });
});
