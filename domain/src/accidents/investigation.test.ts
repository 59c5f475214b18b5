// The investigation clock against 493 Art. 27, 29, 32 and 安全生产法 Art. 86 ¶3 (STANDARDS-NEXT
// §1.6): 60 days from the accident, one extension of at most 60 days, technical appraisal not
// counting, approval within 15 days (30 for 特别重大), the fixes evaluated within a year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACCIDENT_TRANSITIONS,
  approvalDays,
  approvalDue,
  evaluationDue,
  extensionCheck,
  INVESTIGATION_DAYS,
  investigationClock,
  MAX_EXTENSION_DAYS,
  mayTakeOver,
  PRINCIPAL_INCOME_SHARE,
} from './investigation.ts';

const OCCURRED = '2026-03-01T02:00:00.000Z';
const DAY = 86_400_000;
const day = (n: number, hours = 0) => new Date(Date.parse(OCCURRED) + n * DAY + hours * 3_600_000);
const d = (n: number, hours = 0) => day(n, hours).toISOString();
const clock = (over: Partial<Parameters<typeof investigationClock>[0]>, now: Date) =>
  investigationClock({ occurredAt: OCCURRED, extensionDays: 0, pauses: [], ...over }, now);

test('60 days from the accident (Art. 29)', () => {
  assert.equal(INVESTIGATION_DAYS, 60);
  assert.deepEqual(clock({}, day(10)), { dueAt: d(60), pausedDays: 0, paused: false, overdue: false, remainingDays: 50 });
  assert.equal(clock({}, day(60)).overdue, false, 'on the deadline');
  assert.equal(clock({}, day(60)).remainingDays, 0);
  const late = clock({}, day(61, 12));
  assert.equal(late.overdue, true);
  assert.equal(late.remainingDays, -2, 'rounded down: a day and a half late');
  assert.equal(clock({}, day(60, 1)).overdue, true);
});

test('the extension adds its days', () => {
  const c = clock({ extensionDays: 30 }, day(70));
  assert.equal(c.dueAt, d(90));
  assert.equal(c.overdue, false);
  assert.equal(c.remainingDays, 20);
  assert.equal(clock({ extensionDays: MAX_EXTENSION_DAYS }, day(119)).dueAt, d(120), 'at most 120 days in all');
});

test('technical appraisal does not count (Art. 27): closed pauses, an open one counting to now', () => {
  const closed = clock({ pauses: [{ from: d(5), to: d(15) }] }, day(65));
  assert.equal(closed.dueAt, d(70));
  assert.equal(closed.pausedDays, 10);
  assert.equal(closed.paused, false);
  assert.equal(closed.overdue, false);
  assert.equal(closed.remainingDays, 5);

  const two = clock(
    {
      extensionDays: 20,
      pauses: [
        { from: d(5), to: d(8) },
        { from: d(30), to: d(30, 12) },
      ],
    },
    day(50),
  );
  assert.equal(two.dueAt, d(83, 12));
  assert.equal(two.pausedDays, 3, 'whole days');

  const open = clock({ pauses: [{ from: d(50), to: null }] }, day(58));
  assert.equal(open.paused, true);
  assert.equal(open.pausedDays, 8);
  assert.equal(open.dueAt, d(68));
  assert.equal(open.remainingDays, 10);

  // Paused after the 60 days had run out: not shown overdue while the appraisal runs …
  const pausedLate = clock({ pauses: [{ from: d(70), to: null }] }, day(80));
  assert.equal(pausedLate.paused, true);
  assert.equal(pausedLate.overdue, false);
  // … and overdue again once it ends.
  assert.equal(clock({ pauses: [{ from: d(70), to: d(75) }] }, day(80)).overdue, true);
});

test('submitting the report stops the clock', () => {
  const onTime = clock({ submittedAt: d(59) }, day(200));
  assert.equal(onTime.overdue, false);
  assert.equal(onTime.remainingDays, 1);
  const late = clock({ submittedAt: d(61) }, day(200));
  assert.equal(late.overdue, true);
  assert.equal(late.remainingDays, -1);
  assert.equal(clock({ submittedAt: d(80), extensionDays: 30 }, day(200)).overdue, false);
  assert.equal(clock({ submittedAt: null }, day(61)).overdue, true);
});

test('extensionCheck: once only, 1 to 60 whole days', () => {
  const cases: [number, number, boolean][] = [
    [0, 1, true],
    [0, 30, true],
    [0, 60, true],
    [0, 0, false],
    [0, -5, false],
    [0, 61, false],
    [0, 1.5, false],
    [0, Number.NaN, false],
    [30, 10, false],
    [1, 1, false],
  ];
  for (const [current, days, ok] of cases) {
    const r = extensionCheck(current, days);
    assert.equal(r === null, ok, `${current} + ${days}`);
    if (r) assert.match(r, /[\u4e00-\u9fff].*\|\|.*[a-zA-Z]/);
  }
  assert.match(extensionCheck(30, 10) ?? '', /一次/);
  assert.match(extensionCheck(0, 61) ?? '', /1–60/);
});

test('approval within 15 days of receipt, 30 for 特别重大 (Art. 32)', () => {
  assert.equal(approvalDays('ordinary'), 15);
  assert.equal(approvalDays('major'), 15);
  assert.equal(approvalDays('serious'), 15);
  assert.equal(approvalDays('especiallySerious'), 30);
  assert.equal(approvalDue('major', '2026-05-01T02:00:00.000Z'), '2026-05-16T02:00:00.000Z');
  assert.equal(approvalDue('especiallySerious', '2026-05-01T02:00:00.000Z'), '2026-05-31T02:00:00.000Z');
});

test('the fixes evaluated within a year of the approval (安全生产法 Art. 86 ¶3)', () => {
  assert.equal(evaluationDue('2026-06-15T02:00:00.000Z'), '2027-06-15T02:00:00.000Z');
  assert.equal(evaluationDue('2026-12-31T15:00:00.000Z'), '2027-12-31T15:00:00.000Z');
  // No 29 February the next year: the year ends on the last day of February (民法典 Art. 202), in Beijing days.
  assert.equal(evaluationDue('2028-02-29T02:00:00.000Z'), '2029-02-28T02:00:00.000Z');
  assert.equal(evaluationDue('2028-02-28T17:00:00.000Z'), '2029-02-27T17:00:00.000Z', '29 Feb 01:00 Beijing → 28 Feb 01:00 Beijing');
  assert.equal(evaluationDue('2028-02-29T17:00:00.000Z'), '2029-02-28T17:00:00.000Z', '1 Mar 01:00 Beijing → 1 Mar 01:00 Beijing');
});

test('transitions, take-over by a higher level only, the principal’s income share', () => {
  assert.deepEqual(ACCIDENT_TRANSITIONS.startInvestigation, { from: ['reporting'], to: 'investigating' });
  assert.deepEqual(ACCIDENT_TRANSITIONS.approve, { from: ['submitted'], to: 'approved' });
  assert.deepEqual(ACCIDENT_TRANSITIONS.evaluate, { from: ['published'], to: 'closed' });
  assert.equal(mayTakeOver('city', 'county'), true);
  assert.equal(mayTakeOver('province', 'county'), true);
  assert.equal(mayTakeOver('national', 'province'), true);
  assert.equal(mayTakeOver('county', 'county'), false);
  assert.equal(mayTakeOver('county', 'city'), false);
  assert.equal(mayTakeOver('city', 'province'), false);
  assert.deepEqual(PRINCIPAL_INCOME_SHARE, { ordinary: 0.4, major: 0.6, serious: 0.8, especiallySerious: 1 });
});
