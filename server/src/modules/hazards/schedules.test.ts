import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';
import { planScheduledInspections } from './schedules.ts';

describe('recurring self-inspection schedules', () => {
  let t: CastApp;
  let admin: string;
  let ent: string;
  /** An enterprise admin of another enterprise (in 昆山市). */
  let other: string;
  let county: string;
  let enterpriseId: string;
  const inject = (cookie: string, method: string, url: string, payload?: unknown) => t.inject(cookie, method, url, payload);
  const body = (over: object = {}) => ({
    enterpriseId,
    name: '每周车间安全检查',
    checklistCode: 'fire-general',
    frequency: 'weekly',
    startDate: '2027-01-04',
    ...over,
  });
  const planned = async (scheduleId: string) =>
    t.db.query<{ planned_date: string | Date; checklist_id: string; tier: string; planned_by: string }>(
      'SELECT planned_date::text, checklist_id, tier, planned_by FROM inspections WHERE schedule_id = $1 ORDER BY planned_date',
      [scheduleId],
    );

  before(async () => {
    t = await openCastApp();
    ({ admin, ent, otherEnt: other, county } = t.cookies);
    enterpriseId = t.enterpriseId;
  });
  after(() => t.close());

  test('only the enterprise (or an admin) sets its schedule; bad input is a 400 with field messages', async () => {
    assert.equal((await inject(county, 'POST', '/api/v1/inspection-schedules', body())).statusCode, 403);
    assert.equal((await inject(other, 'POST', '/api/v1/inspection-schedules', body())).statusCode, 404);
    const bad = await inject(ent, 'POST', '/api/v1/inspection-schedules', body({ frequency: 'hourly', startDate: '2027-13-01' }));
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.frequency && bad.json().error.fields.startDate);
    const patrolOnly = await inject(ent, 'POST', '/api/v1/inspection-schedules', body({ checklistCode: 'no-such-list' }));
    assert.equal(patrolOnly.statusCode, 400);
    assert.ok(patrolOnly.json().error.fields.checklistCode);
  });

  test('due occurrences become planned self-inspections with the newest checklist; once each; pause and resume', async () => {
    const created = await inject(ent, 'POST', '/api/v1/inspection-schedules', body());
    assert.equal(created.statusCode, 201, created.body);
    const s = created.json();
    assert.equal(s.nextDate, '2027-01-04');
    assert.equal((await planned(s.id)).length, 0, 'nothing before the start');

    assert.equal(await planScheduledInspections(t.db, '2027-01-04'), 1);
    assert.equal(await planScheduledInspections(t.db, '2027-01-04'), 0, 'a second run the same day plans nothing');
    // The admin publishes a new version of the checklist; the next occurrence uses it.
    const v2 = await inject(admin, 'POST', '/api/v1/checklists', {
      code: 'fire-general',
      name: '消防安全通用检查表（新版）',
      items: [{ code: 'F1', text: '疏散通道畅通', majorCriterion: false }],
    });
    assert.equal(v2.statusCode, 201, v2.body);
    // Three weeks idle: one inspection, for the latest due week.
    assert.equal(await planScheduledInspections(t.db, '2027-01-27'), 1);
    const rows = await planned(s.id);
    assert.deepEqual(
      rows.map((r) => String(r.planned_date).slice(0, 10)),
      ['2027-01-04', '2027-01-25'],
    );
    assert.ok(rows.every((r) => r.tier === 'self' && r.planned_by === 'system'));
    assert.notEqual(rows[0]?.checklist_id, rows[1]?.checklist_id);
    assert.equal(rows[1]?.checklist_id, v2.json().id);

    // The enterprise is told; the county (not responsible) is not.
    const inbox = (await inject(ent, 'GET', '/api/v1/notifications')).json().items;
    assert.ok(inbox.some((n: { kind: string; title: string }) => n.kind === 'inspectionDue' && n.title.includes('2027-01-25')));
    assert.ok(
      !(await inject(county, 'GET', '/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'inspectionDue'),
    );
    // The planned inspection is in the enterprise's list and can be carried out by it.
    const list = (await inject(ent, 'GET', `/api/v1/inspections?enterpriseId=${enterpriseId}`)).json();
    assert.ok(list.items.some((i: { plannedDate: string; canExecute: boolean }) => i.plannedDate === '2027-01-25' && i.canExecute));

    // Supervisors see schedules in scope but may not change them.
    const seen = (await inject(county, 'GET', '/api/v1/inspection-schedules')).json().items;
    assert.equal(seen.length, 1);
    assert.equal(seen[0].canManage, false);
    assert.equal((await inject(county, 'PATCH', `/api/v1/inspection-schedules/${s.id}`, { active: false })).statusCode, 403);
    assert.equal((await inject(other, 'GET', '/api/v1/inspection-schedules')).json().items.length, 0);

    const paused = await inject(ent, 'PATCH', `/api/v1/inspection-schedules/${s.id}`, { active: false });
    assert.equal(paused.statusCode, 200);
    assert.equal(await planScheduledInspections(t.db, '2027-03-01'), 0, 'a paused schedule plans nothing');
    const resumed = (await inject(ent, 'PATCH', `/api/v1/inspection-schedules/${s.id}`, { active: true })).json();
    assert.ok(resumed.nextDate >= todayInShanghai(), 'resuming skips the paused period');
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_type = 'inspectionSchedule' ORDER BY seq",
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['schedule.create', 'schedule.pause', 'schedule.resume'],
    );
  });

  test('a schedule that starts today plans its first inspection at once', async () => {
    const s = (
      await inject(ent, 'POST', '/api/v1/inspection-schedules', body({ frequency: 'daily', startDate: todayInShanghai() }))
    ).json();
    assert.equal((await planned(s.id)).length, 1);
    assert.ok(s.nextDate > todayInShanghai());
  });
});
