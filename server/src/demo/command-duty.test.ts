// The duty demo: the county's and city's shifts linked to the demo users, logs of the last days
// handed over with today's open, two past briefings, the isolation point and a hospital inspected
// with the 疫情防控重点场所检查表 with findings as hazards; seeding twice adds nothing. Owner: duty.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { dutyToday } from '../modules/command/duty-service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoCmDuty } from './command-duty.ts';
import { seedDemoTeams } from './emergency-teams.ts';
import { demoActor } from './enforcement-inspections.ts';
import { seedDemoPhCases } from './public-health-cases.ts';
import { seedDemo } from './seed.ts';

describe('duty demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoTeams(db);
    await seedDemoPhCases(db);
    await seedDemoCmDuty(db);
  });
  after(() => drop());

  const counts = async () =>
    (
      await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM command_duty_officers) || '/' || (SELECT count(*) FROM command_duty_logs) || '/' ||
                (SELECT count(*) FROM command_duty_entries) || '/' || (SELECT count(*) FROM command_briefings) || '/' ||
                (SELECT count(*) FROM hazards) AS n`,
      )
    )[0]?.n;

  test('the county user is on duty now; logs handed over but today; two briefings', async () => {
    const county = await demoActor(db, 'county');
    assert.ok(county);
    const today = await dutyToday(db, county);
    assert.ok(today.onDutyNow.length > 0);
    assert.equal(today.isOfficer, true);
    assert.equal(today.log.state, 'open');
    const states = await db.query<{ state: string }>('SELECT state FROM command_duty_logs ORDER BY day');
    assert.deepEqual(
      states.map((s) => s.state),
      ['handedOver', 'handedOver', 'handedOver', 'open'],
    );
    const [b] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM command_briefings');
    assert.equal(b?.n, 2);
  });

  test('the isolation point and a hospital inspected with the places checklist, findings as hazards', async () => {
    const rows = await db.query<{ kind: string; n: number; major: number }>(
      `SELECT f.kind, count(h.id)::int AS n, count(h.id) FILTER (WHERE h.level = 'major')::int AS major
         FROM inspections i JOIN checklist_templates c ON c.id = i.checklist_id AND c.code = 'ph-critical-places'
         JOIN ph_facilities f ON f.enterprise_id = i.enterprise_id
         LEFT JOIN hazards h ON h.inspection_id = i.id
        WHERE i.status = 'submitted' GROUP BY f.kind ORDER BY f.kind`,
    );
    assert.deepEqual(rows, [
      { kind: 'hospital', n: 2, major: 0 },
      { kind: 'isolation', n: 3, major: 2 },
    ]);
  });

  test('the findings move on: assigned at the isolation point; the hospital’s officer rectifies one and submits the other', async () => {
    const rows = await db.query<{ kind: string; statuses: string; fixes: number }>(
      `SELECT f.kind, string_agg(h.status, ',' ORDER BY h.status) AS statuses, count(h.owner)::int AS fixes
         FROM hazards h JOIN ph_facilities f ON f.enterprise_id = h.enterprise_id GROUP BY f.kind ORDER BY f.kind`,
    );
    assert.deepEqual(rows, [
      { kind: 'hospital', statuses: 'pendingAcceptance,rectifying', fixes: 2 },
      { kind: 'isolation', statuses: 'assigned,assigned,assigned', fixes: 0 },
    ]);
    const [officer] = await db.query<{ enterprise_id: string; role: string }>(
      "SELECT enterprise_id, role FROM users WHERE username = 'hospadmin'",
    );
    assert.equal(officer?.role, 'enterpriseAdmin');
    const [h] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hazards WHERE enterprise_id = $1', [officer?.enterprise_id]);
    assert.equal(h?.n, 2, 'the inspected hospital is the officer’s');
    const trail = await db.query<{ action: string; actor: string }>(
      `SELECT t.action, t.actor FROM hazard_transitions t JOIN hazards h ON h.id = t.hazard_id
        WHERE h.enterprise_id = $1 AND t.action <> 'report' ORDER BY t.at, t.action`,
      [officer?.enterprise_id],
    );
    assert.deepEqual(trail.map((x) => `${x.action}:${x.actor}`).sort(), [
      'assign:county',
      'assign:county',
      'start:hospadmin',
      'start:hospadmin',
      'submit:hospadmin',
    ]);
  });

  test('seeding twice adds nothing', async () => {
    const before = await counts();
    await seedDemoCmDuty(db);
    assert.equal(await counts(), before);
  });
});
