// Crash safety on PostgreSQL: the server is killed with SIGKILL while many hazard transitions are
// in flight. After a restart every hazard's status is the target of its last recorded transition,
// every transition has its audit event, and the audit chain verifies: no half-written step.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const onPostgres = process.env.E2E_DB === 'postgresql';

describe('kill -9 during hazard transitions (PostgreSQL)', { skip: !onPostgres && 'runs with E2E_DB=postgresql' }, () => {
  let temp: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let server: RunningServer | undefined;
  after(async () => {
    await server?.stop();
    await temp?.drop();
  });

  test('no half state after a crash mid-transition', async () => {
    temp = await createTempDatabase('taishan_crash');
    server = await startServer({ databaseUrl: temp.url });
    const [town, ent] = [await apiLogin(server.url, 'township'), await apiLogin(server.url, 'entadmin')];
    const call = (cookie: string, path: string, body: object, method = 'POST') =>
      fetch(`${server?.url}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const own = (await (await fetch(`${server.url}/api/v1/enterprises`, { headers: { cookie: ent } })).json()) as {
      items: { id: string }[];
    };
    const enterpriseId = own.items[0]?.id;
    const fixes = { owner: '王', measures: '整改', funds: 1, deadline: '2027-01-31', contingency: '预案' };
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = (await (await call(town, '/api/v1/hazards', { enterpriseId, description: `崩溃测试${i}`, ...fixes })).json()) as {
        id: string;
      };
      ids.push(r.id);
      await call(ent, `/api/v1/hazards/${r.id}`, { rectificationNote: '已整改' }, 'PATCH');
    }
    // Every hazard walks assign → start → submit → accept, all at once; the server dies midway.
    const steps: [string, string][] = [
      [town, 'assign'],
      [ent, 'start'],
      [ent, 'submit'],
      [town, 'accept'],
    ];
    let done = 0;
    const walkers = ids.map(async (id) => {
      for (const [cookie, action] of steps) {
        const r = await call(cookie, `/api/v1/hazards/${id}/transitions`, { action }).catch(() => null);
        if (r?.status !== 200) return;
        done++;
      }
    });
    // Kill once the walk is well under way (some steps landed, most still to come).
    for (let waited = 0; done < 30 && waited < 10_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    await server.crash();
    await Promise.allSettled(walkers);

    server = await startServer({ databaseUrl: temp.url });
    const db = new pg.Client({ connectionString: temp.url });
    await db.connect();
    try {
      const rows = await db.query<{ id: string; status: string; last: string | null; transitions: number; audits: number }>(
        `SELECT h.id, h.status,
           (SELECT to_status FROM hazard_transitions t WHERE t.hazard_id = h.id ORDER BY t.id DESC LIMIT 1) AS last,
           (SELECT count(*)::int FROM hazard_transitions t WHERE t.hazard_id = h.id AND t.action <> 'report') AS transitions,
           (SELECT count(*)::int FROM audit_events a WHERE a.entity_id = h.id::text AND a.action IN ('hazard.assign', 'hazard.start', 'hazard.submit', 'hazard.accept')) AS audits
         FROM hazards h WHERE h.id = ANY($1::uuid[])`,
        [ids],
      );
      assert.equal(rows.rows.length, ids.length);
      for (const r of rows.rows) {
        assert.equal(r.status, r.last, `hazard ${r.id}: status ${r.status} but last transition ${r.last}`);
        assert.equal(r.transitions, r.audits, `hazard ${r.id}: every transition has its audit event`);
      }
      const statuses = new Set(rows.rows.map((r) => r.status));
      console.log('statuses after the crash', [...statuses], 'steps acknowledged before it', done);
      assert.ok(done >= 1 && rows.rows.some((r) => r.status !== 'closed'), 'the crash came mid-walk');
      // A step the client saw acknowledged (200) is never lost.
      const advanced = rows.rows.reduce((n, r) => n + r.transitions, 0);
      assert.ok(advanced >= done, `${advanced} transitions stored, ${done} acknowledged`);
    } finally {
      await db.end();
    }
    const admin = await apiLogin(server.url, 'admin');
    const verify = (await (await fetch(`${server.url}/api/v1/audit/verify`, { headers: { cookie: admin } })).json()) as { ok: boolean };
    assert.equal(verify.ok, true, 'the audit chain survives the crash');
  });
});
