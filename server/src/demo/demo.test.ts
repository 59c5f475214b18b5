// The demo seed counts deadlines the law sets in working days in the holiday calendar (a public
// report's acceptance), and seeds one province override of a setting and the issuing department's
// short name (简称) used in document numbers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reportDeadlines } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { workingCalendar } from '../modules/calendar/index.ts';
import { effectiveSetting } from '../modules/settings/index.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoReports } from './reports.ts';
import { DEMO_CITY, seedDemo } from './seed.ts';
import { DEMO_APPROVAL_NUMBER } from './settings.ts';

describe('demo seed', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    await seedDemoReports(db, new Keyring(newKeyFile()));
  });
  after(() => drop());

  test("the demo reports' acceptance deadlines count in the working-day calendar", async () => {
    const calendar = await workingCalendar(db);
    const rows = await db.query<{ received: string; due: string }>(
      "SELECT to_char(received_on, 'YYYY-MM-DD') AS received, to_char(accept_due, 'YYYY-MM-DD') AS due FROM reports",
    );
    assert.ok(rows.length > 0);
    for (const r of rows) assert.equal(r.due, reportDeadlines(r.received, undefined, calendar).acceptDue, r.received);
  });

  test('one province override of a setting, audited as the demo account; the issuing department has its short name', async () => {
    assert.equal(await effectiveSetting(db, 'map.approvalNumber', DEMO_CITY), DEMO_APPROVAL_NUMBER);
    assert.equal(await effectiveSetting(db, 'map.approvalNumber', '110000000000'), '');
    const [audit] = await db.query<{ actor_name: string }>("SELECT actor_name FROM audit_events WHERE action = 'setting.update'");
    assert.equal(audit?.actor_name, 'demo');
    const [dept] = await db.query<{ short_name: string }>('SELECT short_name FROM departments WHERE short_name IS NOT NULL');
    assert.equal(dept?.short_name, '宿应急');
  });
});
