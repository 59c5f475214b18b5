import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addWorkingDays,
  calendarOf,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  OFFICIAL_CALENDAR_DAYS,
  WEEKENDS_ONLY,
  workingDaysBetween,
} from './working-days.ts';

const cal = OFFICIAL_CALENDAR;

test('official days: holiday counts per notice, make-up days fall on weekends', () => {
  const count = (name: string, year: string) =>
    OFFICIAL_CALENDAR_DAYS.filter((d) => d.kind === 'holiday' && d.name === name && d.date.startsWith(year)).length;
  assert.equal(count('春节', '2024'), 8);
  assert.equal(count('春节', '2025'), 8);
  assert.equal(count('春节', '2026'), 9);
  assert.equal(count('国庆节', '2024'), 7);
  assert.equal(count('国庆节、中秋节', '2025'), 8);
  assert.equal(count('国庆节', '2026'), 7);
  for (const d of OFFICIAL_CALENDAR_DAYS.filter((x) => x.kind === 'workday')) {
    const wd = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    assert.ok(wd === 0 || wd === 6, `${d.date} is a weekend`);
  }
});

test('isWorkingDay', () => {
  const cases: [string, boolean][] = [
    ['2026-09-30', true], // Wednesday before National Day
    ['2026-10-01', false],
    ['2026-10-05', false], // Monday in the holiday
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday 调休上班
    ['2026-10-11', false], // Sunday
    ['2026-09-20', true], // Sunday 调休上班
    ['2026-02-14', true], // Saturday 调休上班 before Spring Festival
    ['2026-02-16', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2025-10-08', false], // 2025 National Day + Mid-Autumn: 8 days
    ['2025-09-28', true],
    ['2024-02-18', true],
  ];
  for (const [d, w] of cases) assert.equal(isWorkingDay(cal, d), w, d);
});

test('addWorkingDays across National Day and Spring Festival weeks', () => {
  const cases: [string, number, string][] = [
    ['2026-09-30', 5, '2026-10-13'], // 8, 9, 10 (Sat 调休), 12, 13
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-18', 1, '2026-09-20'], // Friday → Sunday 调休上班
    ['2026-02-13', 1, '2026-02-14'], // Friday → Saturday 调休上班
    ['2026-02-14', 1, '2026-02-24'], // over the 9-day Spring Festival
    ['2026-02-14', 5, '2026-02-28'], // 24, 25, 26, 27, 28 (Sat 调休)
    ['2025-09-30', 5, '2025-10-14'], // 9, 10, 11 (Sat 调休), 13, 14
    ['2024-09-27', 1, '2024-09-29'],
    ['2026-11-23', 5, '2026-11-30'],
    ['2026-10-01', 0, '2026-10-01'],
  ];
  for (const [from, n, due] of cases) {
    assert.equal(addWorkingDays(cal, from, n), due, `${from} + ${n}`);
    assert.equal(workingDaysBetween(cal, from, due), n, `between ${from} and ${due}`);
  }
});

test('workingDaysBetween: a excluded, b included; negative when reversed', () => {
  assert.equal(workingDaysBetween(cal, '2026-09-30', '2026-10-07'), 0);
  assert.equal(workingDaysBetween(cal, '2026-09-30', '2026-10-08'), 1);
  assert.equal(workingDaysBetween(cal, '2026-10-08', '2026-09-30'), -1);
  assert.equal(workingDaysBetween(cal, '2026-10-08', '2026-10-08'), 0);
  assert.equal(workingDaysBetween(WEEKENDS_ONLY, '2026-09-30', '2026-10-07'), 5);
});

test('an admin-edited calendar: a make-up day wins over a weekend, a holiday over a weekday', () => {
  const c = calendarOf([
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'workday', name: '元旦' },
  ]);
  assert.equal(isWorkingDay(c, '2027-01-01'), false);
  assert.equal(isWorkingDay(c, '2027-01-02'), true);
  assert.equal(addWorkingDays(c, '2026-12-31', 1), '2027-01-02');
});
