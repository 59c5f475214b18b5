// The health-events demo: the cases demo's cluster found by the detection and made an event
// (confirmed, graded Ⅳ, the chain done with one late step, initial and progress reports, contacts,
// tasks in several states), a closed 2025 event, a school food-poisoning event and a waiting signal;
// seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoPhCases } from './public-health-cases.ts';
import { seedDemoPhEvents } from './public-health-events.ts';
import { seedDemo } from './seed.ts';

describe('health events demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const keyring = new Keyring(newKeyFile());
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 30 });
    await seedDemoPhCases(db, keyring);
    await seedDemoPhEvents(db, keyring);
  });
  after(() => drop());

  const counts = async () =>
    (
      await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM ph_events) || '/' || (SELECT count(*) FROM ph_event_chain_steps) || '/' ||
                (SELECT count(*) FROM ph_event_reports) || '/' || (SELECT count(*) FROM ph_event_contacts) || '/' ||
                (SELECT count(*) FROM ph_tasks) AS n`,
      )
    )[0]?.n;

  test('the cluster event, a closed one, a manual one and a waiting signal', async () => {
    const rows = await db.query<{ origin: string; status: string; grade: string | null }>(
      'SELECT origin, status, grade FROM ph_events ORDER BY occurred_at',
    );
    const statuses = rows.map((r) => `${r.origin}:${r.status}`).sort();
    assert.deepEqual(statuses, ['cluster:responding', 'cluster:signal', 'manual:closed', 'manual:confirmed']);
    const [c] = await db.query<{ id: string; grade: string }>(
      "SELECT id, grade FROM ph_events WHERE origin = 'cluster' AND status = 'responding'",
    );
    assert.equal(c?.grade, 'IV');
    const steps = await db.query<{ late: boolean }>('SELECT late FROM ph_event_chain_steps WHERE event_id = $1 ORDER BY done_at', [c?.id]);
    assert.deepEqual(
      steps.map((s) => s.late),
      [false, true, false, false, false],
    );
    const reports = await db.query<{ kind: string }>('SELECT kind FROM ph_event_reports WHERE event_id = $1 ORDER BY reported_at', [c?.id]);
    assert.deepEqual(
      reports.map((r) => r.kind),
      ['initial', 'progress'],
    );
    const [linked] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ph_event_cases WHERE event_id = $1', [c?.id]);
    assert.ok((linked?.n ?? 0) >= 5);
    const tasks = await db.query<{ status: string }>('SELECT DISTINCT status FROM ph_tasks WHERE event_id = $1 ORDER BY status', [c?.id]);
    assert.deepEqual(
      tasks.map((t) => t.status),
      ['cancelled', 'done', 'open'],
    );
  });

  test('seeding twice adds nothing', async () => {
    const before = await counts();
    await seedDemoPhEvents(db, keyring);
    assert.equal(await counts(), before);
  });
});
