// The working-day calendar: seeded from the State Council's notices (migration 027), read by anyone
// logged in, edited by the platform admin only (audited), and counted in by a public report's
// acceptance deadline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OFFICIAL_CALENDAR_DAYS, reportDeadlines } from '@taishan/domain';
import { type CastApp, openCastApp, submitPublicReport } from '../../test/harness.ts';
import { todayInShanghai } from '../../time.ts';
import { workingCalendar } from './working-calendar.ts';

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

describe('working-day calendar', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  test('seeded with the official 2024–2026 days; anyone logged in reads a year', async () => {
    const res = await t.inject(t.cookies.staff, 'GET', '/api/v1/calendar/days?year=2026');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const official = OFFICIAL_CALENDAR_DAYS.filter((d) => d.date.startsWith('2026'));
    assert.deepEqual(body.items, official);
    assert.equal(body.total, official.length);
    assert.deepEqual(body.allowedActions, []);
    assert.deepEqual((await t.inject(t.cookies.admin, 'GET', '/api/v1/calendar/days?year=2026')).json().allowedActions, ['edit']);
    assert.equal((await t.app.inject({ url: '/api/v1/calendar/days?year=2026' })).statusCode, 401);
    assert.equal((await t.inject(t.cookies.staff, 'GET', '/api/v1/calendar/days?year=abc')).statusCode, 400);
  });

  test('only the platform admin edits; edits are audited; bad input is 400', async () => {
    const day = { date: '2027-01-01', kind: 'holiday', name: '元旦' };
    for (const who of ['province', 'county', 'ent'] as const) {
      assert.equal((await t.inject(t.cookies[who], 'POST', '/api/v1/calendar/days', day)).statusCode, 403, who);
      assert.equal((await t.inject(t.cookies[who], 'DELETE', '/api/v1/calendar/days/2026-10-01')).statusCode, 403, who);
    }
    const created = await t.inject(t.cookies.admin, 'POST', '/api/v1/calendar/days', day);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await t.inject(t.cookies.admin, 'POST', '/api/v1/calendar/days', day)).statusCode, 409);
    const put = await t.inject(t.cookies.admin, 'PUT', '/api/v1/calendar/days/2027-01-02', { kind: 'workday', name: '元旦' });
    assert.equal(put.statusCode, 200, put.body);
    const bad = await t.inject(t.cookies.admin, 'POST', '/api/v1/calendar/days', { date: '2027-13-01', kind: 'rest', name: '' });
    assert.equal(bad.statusCode, 400);
    assert.ok(Object.keys(bad.json().fields ?? bad.json().error?.fields ?? {}).length >= 1, bad.body);
    assert.deepEqual((await t.inject(t.cookies.staff, 'GET', '/api/v1/calendar/days?year=2027')).json().items, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'workday', name: '元旦' },
    ]);
    assert.equal((await t.inject(t.cookies.admin, 'DELETE', '/api/v1/calendar/days/2027-01-02')).statusCode, 204);
    assert.equal((await t.inject(t.cookies.admin, 'DELETE', '/api/v1/calendar/days/2027-01-02')).statusCode, 404);
    await t.inject(t.cookies.admin, 'DELETE', '/api/v1/calendar/days/2027-01-01');
    const audit = await t.db.query<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_events WHERE entity_type = 'calendarDay' ORDER BY seq",
    );
    assert.deepEqual(
      audit.map((a) => `${a.action} ${a.entity_id}`),
      ['calendarDay.set 2027-01-01', 'calendarDay.set 2027-01-02', 'calendarDay.delete 2027-01-02', 'calendarDay.delete 2027-01-01'],
    );
  });

  test('a report received on the last working day before National Day is due for acceptance after the holiday', async () => {
    const cal = await workingCalendar(t.db);
    // 2026-09-30 (Wednesday) is the last working day before the 1–7 October holiday; the 5th
    // working day after it is Tuesday 13 October (8, 9, Saturday 10 worked, 12, 13).
    assert.equal(reportDeadlines('2026-09-30', undefined, cal).acceptDue, '2026-10-13');
  });

  test("the public report's acceptance deadline counts in the edited calendar", async () => {
    const today = todayInShanghai();
    // The admin declares the next 14 days holidays: the deadline moves past them.
    for (let i = 1; i <= 14; i++) {
      const date = addDays(today, i);
      const res = await t.inject(t.cookies.admin, 'PUT', `/api/v1/calendar/days/${date}`, { kind: 'holiday', name: '测试' });
      assert.equal(res.statusCode, 200, res.body);
    }
    await submitPublicReport(t.app, { enterpriseId: t.enterpriseId });
    const [row] = await t.db.query<{ due: string }>(
      "SELECT to_char(accept_due, 'YYYY-MM-DD') AS due FROM reports ORDER BY received_on DESC, accept_due DESC LIMIT 1",
    );
    assert.ok((row?.due ?? '') > addDays(today, 14), `due ${row?.due} after the declared holidays`);
    assert.equal(row?.due, reportDeadlines(today, undefined, await workingCalendar(t.db)).acceptDue);
    for (let i = 1; i <= 14; i++) await t.inject(t.cookies.admin, 'DELETE', `/api/v1/calendar/days/${addDays(today, i)}`);
  });
});
