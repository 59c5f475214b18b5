// The reporting chain against 493 Art. 9–11 (STANDARDS-NEXT §1.2), with a fake clock: the unit has
// 1 hour from its principal learning of the accident, each level 2 hours from receipt, up to the
// level the grade requires; 越级 is allowed and the skipped level shows as such; a regrade makes
// the former top level forward, its window running from the regrade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import {
  type ChainStep,
  chainStatus,
  chainTargets,
  forwardCheck,
  forwardSince,
  type GradeAt,
  LEVEL_FORWARD_MINUTES,
  lateMinutes,
  levelOfRegion,
  regionAt,
  UNIT_REPORT_MINUTES,
  unitDeadline,
} from './chain.ts';
import type { ChainLevel } from './grades.ts';

// The principal learned of it at 10:00 Beijing time.
const LEARNED = '2026-07-01T02:00:00.000Z';
const at = (minutes: number, seconds = 0) => new Date(Date.parse(LEARNED) + minutes * 60_000 + seconds * 1000);
const t = (minutes: number, seconds = 0) => at(minutes, seconds).toISOString();

const step = (
  level: ChainLevel,
  receivedAt: string | null,
  forwardedAt: string | null = null,
  forwardedTo: ChainLevel | null = null,
): ChainStep => ({
  level,
  receivedAt,
  forwardedAt,
  forwardedTo:
    forwardedAt && !forwardedTo
      ? (({ county: 'city', city: 'province', province: 'national' } as Record<string, ChainLevel>)[level] ?? null)
      : forwardedTo,
});
const graded = (grade: AccidentGrade, minutes = 40): GradeAt[] => [{ grade, at: t(minutes) }];
const row = (s: ReturnType<typeof chainStatus>, level: ChainLevel) => {
  const r = s.rows.find((x) => x.level === level);
  assert.ok(r, level);
  return r;
};

test('the windows are the law’s: 1 hour for the unit, 2 hours per level', () => {
  assert.equal(UNIT_REPORT_MINUTES, 60);
  assert.equal(LEVEL_FORWARD_MINUTES, 120);
  assert.equal(unitDeadline(LEARNED), t(60));
  assert.equal(unitDeadline(new Date(LEARNED)), t(60));
  assert.deepEqual(chainTargets('ordinary'), ['county', 'city']);
  assert.deepEqual(chainTargets('major'), ['county', 'city', 'province']);
  assert.deepEqual(chainTargets('serious'), ['county', 'city', 'province', 'national']);
  assert.deepEqual(chainTargets('especiallySerious'), ['county', 'city', 'province', 'national']);
});

test('late minutes: 0 up to the deadline, then every begun minute', () => {
  const deadline = t(60);
  const cases: [Date, number][] = [
    [at(0), 0],
    [at(59, 59), 0],
    [at(60), 0],
    [at(60, 1), 1],
    [at(61), 1],
    [at(61, 30), 2],
    [at(95), 35],
    [at(60 + 24 * 60), 24 * 60],
  ];
  for (const [when, late] of cases) assert.equal(lateMinutes(deadline, when), late, when.toISOString());
  assert.equal(lateMinutes(new Date(deadline), t(95)), 35);
});

test('the unit: on time, late by exact minutes, overdue when not reported after the hour', () => {
  const base = { learnedAt: LEARNED, grades: graded('ordinary'), steps: [] as ChainStep[] };
  const cases: [string | null, Date, { lateMinutes: number; overdue: boolean }][] = [
    [t(45), at(46), { lateMinutes: 0, overdue: false }],
    [t(60), at(61), { lateMinutes: 0, overdue: false }],
    [t(77), at(80), { lateMinutes: 17, overdue: false }],
    [null, at(59), { lateMinutes: 0, overdue: false }],
    [null, at(60), { lateMinutes: 0, overdue: false }],
    [null, at(61), { lateMinutes: 0, overdue: true }],
  ];
  for (const [reportedAt, now, expected] of cases) {
    const steps = reportedAt ? [step('county', reportedAt)] : [];
    const s = chainStatus({ ...base, reportedAt, steps }, now);
    assert.equal(s.unit.deadline, t(60));
    assert.equal(s.unit.reportedAt, reportedAt);
    assert.equal(s.unit.lateMinutes, expected.lateMinutes, `${reportedAt} at ${now.toISOString()}`);
    assert.equal(s.unit.overdue, expected.overdue, `${reportedAt} at ${now.toISOString()}`);
  }
  // The hour runs from when the principal learned of it, not from the accident.
  const learnedLater = chainStatus(
    { learnedAt: t(30), reportedAt: t(80), grades: graded('ordinary'), steps: [step('county', t(80))] },
    at(81),
  );
  assert.equal(learnedLater.unit.deadline, t(90));
  assert.equal(learnedLater.unit.lateMinutes, 0);
});

test('each level: 2 hours from its receipt; on time, late, overdue with the minutes left negative', () => {
  // The county received it at 40 min: it must forward by 160.
  const received = t(40);
  const status = (steps: ChainStep[], now: Date, grade: AccidentGrade = 'ordinary') =>
    chainStatus({ learnedAt: LEARNED, reportedAt: received, grades: graded(grade), steps }, now);

  const waiting = status([step('county', received)], at(100));
  assert.equal(row(waiting, 'county').forwardBy, t(160));
  assert.equal(row(waiting, 'county').remainingMinutes, 60);
  assert.equal(row(waiting, 'county').overdue, false);
  assert.equal(row(waiting, 'county').lateMinutes, 0);
  assert.equal(waiting.waitingAt, 'county');
  assert.equal(waiting.complete, false);
  assert.equal(row(waiting, 'city').receivedAt, null);
  assert.equal(row(waiting, 'city').skipped, false);
  assert.equal(row(waiting, 'city').forwardBy, null, 'not reached: nothing due yet');
  assert.equal(row(waiting, 'city').required, true);
  assert.equal(row(waiting, 'province').required, false);
  assert.equal(row(waiting, 'national').required, false);

  const atDeadline = status([step('county', received)], at(160));
  assert.equal(row(atDeadline, 'county').overdue, false);
  assert.equal(row(atDeadline, 'county').remainingMinutes, 0);

  const overdue = status([step('county', received)], at(190));
  assert.equal(row(overdue, 'county').overdue, true);
  assert.equal(row(overdue, 'county').remainingMinutes, -30);
  assert.equal(row(overdue, 'county').lateMinutes, 30);
  assert.equal(overdue.waitingAt, 'county');
  assert.equal(overdue.complete, false);

  const onTime = status([step('county', received, t(150)), step('city', t(150))], at(300));
  assert.equal(row(onTime, 'county').lateMinutes, 0);
  assert.equal(row(onTime, 'county').overdue, false);
  assert.equal(row(onTime, 'county').remainingMinutes, null);
  assert.equal(row(onTime, 'county').forwardedTo, 'city');
  // An ordinary accident is complete when the city has it: the city is the top and owes nothing.
  assert.equal(row(onTime, 'city').forwardBy, null);
  assert.equal(onTime.waitingAt, null);
  assert.equal(onTime.complete, true);

  const late = status([step('county', received, t(173)), step('city', t(173))], at(300));
  assert.equal(row(late, 'county').lateMinutes, 13);
  assert.equal(row(late, 'county').overdue, false);
  assert.equal(late.complete, true);

  // A major accident: the city forwards within 2 hours of its own receipt.
  const city = status([step('county', received, t(100)), step('city', t(100))], at(250), 'major');
  assert.equal(row(city, 'city').forwardBy, t(220));
  assert.equal(row(city, 'city').overdue, true);
  assert.equal(row(city, 'city').remainingMinutes, -30);
  assert.equal(city.waitingAt, 'city');
  assert.equal(city.complete, false);
  const cityLate = status([step('county', received, t(100)), step('city', t(100), t(221)), step('province', t(221))], at(400), 'major');
  assert.equal(row(cityLate, 'city').lateMinutes, 1);
  assert.equal(row(cityLate, 'province').forwardBy, null);
  assert.equal(cityLate.complete, true);

  // 重大: all the way to the national department, each level 2 hours.
  const serious = status([step('county', received, t(60)), step('city', t(60), t(90)), step('province', t(90))], at(200), 'serious');
  assert.equal(row(serious, 'province').forwardBy, t(210));
  assert.equal(row(serious, 'province').remainingMinutes, 10);
  assert.equal(serious.waitingAt, 'province');
  assert.equal(row(serious, 'national').required, true);
});

test('越级: county straight to the province leaves the city skipped, not waiting', () => {
  const s = chainStatus(
    {
      learnedAt: LEARNED,
      reportedAt: t(30),
      grades: graded('major'),
      steps: [step('county', t(30), t(50), 'province'), step('province', t(50))],
    },
    at(1000),
  );
  assert.equal(row(s, 'county').forwardedTo, 'province');
  assert.equal(row(s, 'county').lateMinutes, 0);
  assert.equal(row(s, 'city').skipped, true);
  assert.equal(row(s, 'city').receivedAt, null);
  assert.equal(row(s, 'city').forwardBy, null);
  assert.equal(row(s, 'city').overdue, false);
  assert.equal(row(s, 'province').skipped, false);
  assert.equal(row(s, 'province').forwardBy, null, 'the province is the top for 较大');
  assert.equal(s.waitingAt, null);
  assert.equal(s.complete, true);

  // 重大 with the county going straight to the province: the province still owes the national report.
  const serious = chainStatus(
    {
      learnedAt: LEARNED,
      reportedAt: t(30),
      grades: graded('serious'),
      steps: [step('county', t(30), t(50), 'province'), step('province', t(50))],
    },
    at(100),
  );
  assert.equal(row(serious, 'city').skipped, true);
  assert.equal(row(serious, 'province').forwardBy, t(170));
  assert.equal(serious.waitingAt, 'province');
});

test('a regrade to major: the city, which had it as the top, now owes a forward from the regrade', () => {
  const steps = [step('county', t(30), t(60)), step('city', t(60))];
  // Before the follow-up: ordinary, complete once the city has it.
  const before = chainStatus({ learnedAt: LEARNED, reportedAt: t(30), grades: graded('ordinary', 30), steps }, at(600));
  assert.equal(before.complete, true);
  assert.equal(row(before, 'city').forwardBy, null);

  // A follow-up at 1000 min reports a third death: 较大, to the province.
  const grades: GradeAt[] = [
    { grade: 'ordinary', at: t(30) },
    { grade: 'major', at: t(1000) },
  ];
  assert.equal(forwardSince('city', t(60), grades), t(1000));
  assert.equal(forwardSince('county', t(30), grades), t(30), 'the county owed a forward from its receipt');
  const after = chainStatus({ learnedAt: LEARNED, reportedAt: t(30), grades, steps }, at(1030));
  assert.equal(row(after, 'city').forwardBy, t(1120));
  assert.equal(row(after, 'city').remainingMinutes, 90);
  assert.equal(row(after, 'city').overdue, false);
  assert.equal(row(after, 'province').required, true);
  assert.equal(after.waitingAt, 'city');
  assert.equal(after.complete, false);
  // The county forwarded in its own window: the regrade does not make it late.
  assert.equal(row(after, 'county').lateMinutes, 0);

  const overdue = chainStatus({ learnedAt: LEARNED, reportedAt: t(30), grades, steps }, at(1150));
  assert.equal(row(overdue, 'city').overdue, true);
  assert.equal(row(overdue, 'city').remainingMinutes, -30);

  const forwarded = chainStatus(
    {
      learnedAt: LEARNED,
      reportedAt: t(30),
      grades,
      steps: [step('county', t(30), t(60)), step('city', t(60), t(1100)), step('province', t(1100))],
    },
    at(1200),
  );
  assert.equal(row(forwarded, 'city').lateMinutes, 0);
  assert.equal(forwarded.complete, true);

  // Regraded before the city received it: the city's window runs from its receipt.
  const early: GradeAt[] = [
    { grade: 'ordinary', at: t(30) },
    { grade: 'major', at: t(45) },
  ];
  assert.equal(forwardSince('city', t(60), early), t(60));
  // Regraded down again: nothing is owed above the new top.
  const down: GradeAt[] = [...grades, { grade: 'ordinary', at: t(1010) }];
  const settled = chainStatus({ learnedAt: LEARNED, reportedAt: t(30), grades: down, steps }, at(1200));
  assert.equal(row(settled, 'city').forwardBy, null);
  assert.equal(settled.complete, true);
});

test('forwardCheck: upwards only; past the next level is 越级 with the skipped levels', () => {
  const cases: [ChainLevel, ChainLevel, boolean, ChainLevel[]][] = [
    ['county', 'county', false, []],
    ['city', 'county', false, []],
    ['province', 'city', false, []],
    ['national', 'province', false, []],
    ['province', 'province', false, []],
    ['county', 'city', true, []],
    ['city', 'province', true, []],
    ['province', 'national', true, []],
    ['county', 'province', true, ['city']],
    ['county', 'national', true, ['city', 'province']],
    ['city', 'national', true, ['province']],
  ];
  for (const [from, to, ok, skips] of cases) assert.deepEqual(forwardCheck(from, to), { ok, skipsLevels: skips }, `${from}→${to}`);
});

test('levelOfRegion and regionAt (12-digit GB/T 2260 codes)', () => {
  const levels: [string, string][] = [
    ['320000000000', 'province'],
    ['320500000000', 'city'],
    ['320582000000', 'county'],
    ['320582100000', 'county'],
    ['320582100201', 'county'],
    ['110000000000', 'province'],
    ['110100000000', 'city'],
    ['110101000000', 'county'],
  ];
  for (const [code, level] of levels) assert.equal(levelOfRegion(code), level, code);
  assert.equal(regionAt('320582100201', 'county'), '320582000000');
  assert.equal(regionAt('320582100201', 'city'), '320500000000');
  assert.equal(regionAt('320582100201', 'province'), '320000000000');
  assert.equal(regionAt('320582000000', 'city'), '320500000000');
  assert.equal(regionAt('320500000000', 'province'), '320000000000');
});
