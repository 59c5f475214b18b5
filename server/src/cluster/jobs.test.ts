// Scheduled jobs on both databases: two runners (as two processes would) looking at the same
// moment run a due job once; it falls due again on its rhythm; a failure is kept in its row and
// the job still runs next time; a run whose process died is taken over after the lease.
// multiprocess.test.ts proves the same with real processes on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestDb, type TestDb } from '../test/harness.ts';
import { claimJob, type Job, LEASE_SECONDS, startJobs } from './jobs.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(() => t.drop());

const quiet = () => undefined;

test('two runners ticking together run a due job once per due time', async () => {
  let ran = 0;
  const job: Job = { name: 'test.once', everySeconds: 3600, run: async () => void ran++ };
  // pollMs large: only the explicit ticks below run anything.
  const one = await startJobs(t.db, [job], 'one', quiet, 3_600_000);
  const two = await startJobs(t.db, [job], 'two', quiet, 3_600_000);
  const started = await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
  await Promise.all([one.stop(), two.stop()]);
  assert.equal(started.flat().length, 1, 'claimed by one runner');
  assert.equal(ran, 1);
  const [row] = await t.db.query<{ runs: number; running_by: string | null; due_in: number; last_error: string | null }>(
    `SELECT runs::int AS runs, running_by, extract(epoch FROM next_run_at - last_run_at)::float8 AS due_in, last_error
     FROM scheduled_jobs WHERE name = 'test.once'`,
  );
  assert.equal(row?.runs, 1);
  assert.equal(row?.running_by, null, 'finished');
  assert.ok(row && row.due_in > 3500 && row.due_in <= 3600, 'due again an hour on');
  // Not due: another tick runs nothing.
  const three = await startJobs(t.db, [job], 'three', quiet, 3_600_000);
  assert.deepEqual(await three.tick(), []);
  await three.stop();
  assert.equal(ran, 1);
});

test('a failing job keeps its error and runs again when next due', async () => {
  let calls = 0;
  const job: Job = {
    name: 'test.fails',
    everySeconds: 60,
    run: async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
    },
  };
  const logged: string[] = [];
  const runner = await startJobs(t.db, [job], 'one', (m) => logged.push(m), 3_600_000);
  await runner.tick();
  await runner.stop();
  const [row] = await t.db.query<{ last_error: string | null }>("SELECT last_error FROM scheduled_jobs WHERE name = 'test.fails'");
  assert.equal(row?.last_error, 'database away');
  assert.deepEqual(logged, ['scheduled job test.fails failed']);
  await t.db.query("UPDATE scheduled_jobs SET next_run_at = now() - interval '1 second' WHERE name = 'test.fails'");
  const again = await startJobs(t.db, [job], 'one', quiet, 3_600_000);
  await again.tick();
  await again.stop();
  const [after] = await t.db.query<{ last_error: string | null }>("SELECT last_error FROM scheduled_jobs WHERE name = 'test.fails'");
  assert.equal(calls, 2);
  assert.equal(after?.last_error, null);
});

test('a run left marked by a dead process blocks the job until its lease runs out', async () => {
  await t.db.query("INSERT INTO scheduled_jobs (name, every_seconds, running_by, running_since) VALUES ('test.lease', 60, 'dead', now())");
  assert.equal(await claimJob(t.db, 'test.lease', 'alive'), null, 'still within the lease');
  await t.db.query(
    `UPDATE scheduled_jobs SET running_since = now() - make_interval(secs => $1 + 1), next_run_at = now() - interval '1 minute' WHERE name = 'test.lease'`,
    [LEASE_SECONDS],
  );
  assert.notEqual(await claimJob(t.db, 'test.lease', 'alive'), null, 'taken over');
  const [row] = await t.db.query<{ running_by: string; late: boolean }>(
    "SELECT running_by, next_run_at > now() AS late FROM scheduled_jobs WHERE name = 'test.lease'",
  );
  assert.deepEqual(row, { running_by: 'alive', late: true });
});
