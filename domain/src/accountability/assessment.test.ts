// The assessment's rules on a fixed data set whose scores were computed by hand (below), the grade
// thresholds at their edges, the template's checks, the workflow's allowed and refused steps by
// who asks, the fix plan's and the veto's dates, and the bulletin's ranking.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor } from '../auth/roles.ts';
import {
  type AssessmentAction,
  type AssessmentInputs,
  type AssessmentStatus,
  addMonthsToDay,
  assessmentItemsSchema,
  assessmentNext,
  DEFAULT_ASSESSMENT_ITEMS,
  declinePoints,
  fixPlanDue,
  fixPlanOverdue,
  gradeOf,
  lastEndedQuarter,
  metricPoints,
  quarterPeriod,
  ratePoints,
  scoreSheet,
} from './assessment.ts';
import { rankBulletin } from './assessment-bulletin.ts';
import { type AssessmentPolicyView, assessmentAbilities, assessmentAllowedActions, relationTo } from './assessment-policy.ts';
import { vetoPeriod, vetoState, vetoTouchesYear } from './assessment-veto.ts';

/**
 * The fixed data set (one county, one year) and its hand computation with the default template:
 *   hazards found 20, closed by year end 17        → 整改率    15 × 17/20          = 12.75
 *   hazards due 12, closed by their deadline 9     → 按期整改率 10 × 9/12           =  7.50
 *   accidents 5 against 4 last year (up 1)         → 15 × (1 − 1/max(4,1))         = 11.25
 *   deaths 2 against 3 (down)                      → full                          = 15.00
 *   inspections 34 done of 40 planned              → 5 × 34/40                     =  4.25
 *   reports due 8, concluded on time 7             → 5 × 7/8 = 4.375, two decimals =  4.38
 *   alarms: none raised                            → full                          =  5.00
 *                                                    computed                        60.13
 *   manual: 责任体系 8.5 + 依法治理 9 + 安全预防 7                                      24.50
 *   total 84.63 → 良好 with the default thresholds 90/80/60.
 */
const DATA: AssessmentInputs = {
  hazards: { found: 20, closed: 17, due: 12, closedOnTime: 9 },
  accidents: { current: 5, previous: 4 },
  deaths: { current: 2, previous: 3 },
  inspections: { planned: 40, done: 34 },
  reports: { due: 8, onTime: 7 },
  alarms: { raised: 0, onTime: 0 },
};
const MANUAL = {
  responsibility: { points: 8.5, note: '责任清单已建立，一项未落实' },
  lawBased: { points: 9, note: '执法规范' },
  prevention: { points: 7, note: '双重预防机制覆盖不全' },
};
const T = { excellent: 90, good: 80, pass: 60 };

describe('assessment scores', () => {
  test('each computed item equals the hand computation', () => {
    const points = Object.fromEntries(scoreSheet(DEFAULT_ASSESSMENT_ITEMS, DATA, MANUAL).lines.map((l) => [l.key, l.points]));
    assert.deepEqual(points, {
      hazardRectification: 12.75,
      hazardOnTime: 7.5,
      accidents: 11.25,
      deaths: 15,
      inspections: 4.25,
      reports: 4.38,
      alarms: 5,
      responsibility: 8.5,
      lawBased: 9,
      prevention: 7,
    });
  });
  test('the total and grade equal the hand computation', () => {
    const s = scoreSheet(DEFAULT_ASSESSMENT_ITEMS, DATA, MANUAL);
    assert.equal(s.total, 84.63);
    assert.equal(s.complete, true);
    assert.equal(gradeOf(s.total, T), 'good');
  });
  test('an unscored manual item leaves the sheet incomplete and counts nothing', () => {
    const s = scoreSheet(DEFAULT_ASSESSMENT_ITEMS, DATA, { responsibility: MANUAL.responsibility });
    assert.equal(s.complete, false);
    assert.equal(s.total, 68.63);
    assert.equal(s.lines.find((l) => l.key === 'prevention')?.points, null);
  });
  test('the inputs are shown beside a computed item', () => {
    const l = scoreSheet(DEFAULT_ASSESSMENT_ITEMS, DATA, {}).lines.find((x) => x.key === 'accidents');
    assert.deepEqual(l?.inputs, [
      { key: 'current', value: 5 },
      { key: 'previous', value: 4 },
    ]);
  });
  const cases: [string, () => number, number][] = [
    ['rate: none counted is full points', () => ratePoints(10, 0, 0), 10],
    ['rate: all done', () => ratePoints(10, 8, 8), 10],
    ['rate: more done than counted is capped', () => ratePoints(10, 9, 8), 10],
    ['rate: a third, two decimals', () => ratePoints(10, 1, 3), 3.33],
    ['rate: two thirds rounds up', () => ratePoints(10, 2, 3), 6.67],
    ['decline: equal is full', () => declinePoints(15, 4, 4), 15],
    ['decline: down is full', () => declinePoints(15, 0, 4), 15],
    ['decline: 0 → 1 is nothing left', () => declinePoints(15, 1, 0), 0],
    ['decline: doubled is 0', () => declinePoints(15, 8, 4), 0],
    ['decline: more than doubled stays 0', () => declinePoints(15, 20, 4), 0],
    ['decline: 10 → 13 is 15 × 0.7', () => declinePoints(15, 13, 10), 10.5],
    ['inspections over the plan are full', () => metricPoints('inspections', 5, { ...DATA, inspections: { planned: 10, done: 12 } }), 5],
    ['inspections without a plan are full', () => metricPoints('inspections', 5, { ...DATA, inspections: { planned: 0, done: 0 } }), 5],
    ['alarms 45 of 50 on time', () => metricPoints('alarms', 5, { ...DATA, alarms: { raised: 50, onTime: 45 } }), 4.5],
  ];
  for (const [name, f, want] of cases) test(name, () => assert.equal(f(), want));
});

describe('grade thresholds at their edges', () => {
  const table: [number, string][] = [
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'pass'],
    [60, 'pass'],
    [59.99, 'fail'],
    [0, 'fail'],
  ];
  for (const [total, grade] of table) test(`${total} → ${grade}`, () => assert.equal(gradeOf(total, T), grade));
  test('other thresholds from the settings', () => assert.equal(gradeOf(85, { excellent: 85, good: 75, pass: 65 }), 'excellent'));
});

describe('the template', () => {
  test('the default adds up to 100', () => assert.equal(assessmentItemsSchema.safeParse(DEFAULT_ASSESSMENT_ITEMS).success, true));
  const bad: [string, unknown, string][] = [
    ['weights of 99', [{ key: 'a', source: 'manual', label: '甲', weight: 99 }], '合计应为 100'],
    [
      'a duplicate key',
      [
        { key: 'a', source: 'manual', label: '甲', weight: 50 },
        { key: 'a', source: 'manual', label: '乙', weight: 50 },
      ],
      '项目代码重复',
    ],
    [
      'a metric twice',
      [
        { key: 'a', source: 'computed', metric: 'deaths', label: '甲', weight: 50 },
        { key: 'b', source: 'computed', metric: 'deaths', label: '乙', weight: 50 },
      ],
      '计算项目重复',
    ],
    ['a weight of 0', [{ key: 'a', source: 'manual', label: '甲', weight: 0 }], '至少 1 分'],
    ['an empty label', [{ key: 'a', source: 'manual', label: ' ', weight: 100 }], '请填写项目名称'],
  ];
  for (const [name, items, msg] of bad)
    test(`refuses ${name}`, () => {
      const r = assessmentItemsSchema.safeParse(items);
      assert.equal(r.success, false);
      assert.ok(
        r.error?.issues.some((i) => i.message.includes(msg)),
        JSON.stringify(r.error?.issues),
      );
    });
});

const actor = (role: Actor['role'], regionPrefix: string, industries: string[] | null = null): Actor => ({
  id: `u-${role}-${regionPrefix}`,
  username: role,
  role,
  scope: { regionPrefix, industries, enterpriseId: null },
});
const COUNTY = actor('countySupervisor', '320582');
const SIBLING = actor('countySupervisor', '320583');
const CITY = actor('citySupervisor', '3205');
const OTHER_CITY = actor('citySupervisor', '3206');
const PROVINCE = actor('provinceSupervisor', '32');
const INSPECTOR = actor('departmentInspector', '320582', ['C']);
const ADMIN = actor('platformAdmin', '');
const Z = '320582000000';

describe('the workflow', () => {
  const table: [AssessmentStatus, AssessmentAction, AssessmentStatus | null][] = [
    ['draft', 'compute', 'computed'],
    ['computed', 'compute', 'computed'],
    ['adjusted', 'compute', 'adjusted'],
    ['submitted', 'compute', null],
    ['confirmed', 'compute', null],
    ['draft', 'score', null],
    ['computed', 'score', 'adjusted'],
    ['adjusted', 'score', 'adjusted'],
    ['submitted', 'score', null],
    ['draft', 'submit', null],
    ['computed', 'submit', 'submitted'],
    ['adjusted', 'submit', 'submitted'],
    ['submitted', 'submit', null],
    ['submitted', 'confirm', 'confirmed'],
    ['adjusted', 'confirm', null],
    ['confirmed', 'confirm', null],
    ['submitted', 'return', 'adjusted'],
    ['confirmed', 'return', null],
    ['confirmed', 'submitFixPlan', 'confirmed'],
    ['submitted', 'submitFixPlan', null],
  ];
  for (const [from, action, to] of table)
    test(`${from} ${action} → ${to ?? 'refused'}`, () => assert.equal(assessmentNext(from, action), to));

  const view = (o: Partial<AssessmentPolicyView> = {}): AssessmentPolicyView => ({
    regionCode: Z,
    status: 'draft',
    complete: false,
    hasManualItems: true,
    grade: null,
    fixPlanSubmitted: false,
    ...o,
  });
  const allowed: [string, Actor, AssessmentPolicyView, AssessmentAction[]][] = [
    ['own county, draft', COUNTY, view(), ['compute']],
    ['own county, computed, hand items missing', COUNTY, view({ status: 'computed' }), ['compute', 'score']],
    ['own county, scored in full', COUNTY, view({ status: 'adjusted', complete: true }), ['compute', 'score', 'submit']],
    ['own county, no hand items', COUNTY, view({ status: 'computed', hasManualItems: false, complete: true }), ['compute', 'submit']],
    ['own county, submitted', COUNTY, view({ status: 'submitted', complete: true }), []],
    ['own county, confirmed 不合格', COUNTY, view({ status: 'confirmed', complete: true, grade: 'fail' }), ['submitFixPlan']],
    ['own county, 不合格 with its plan in', COUNTY, view({ status: 'confirmed', grade: 'fail', fixPlanSubmitted: true }), []],
    ['own county, confirmed 合格', COUNTY, view({ status: 'confirmed', grade: 'pass' }), []],
    ['the city above, draft', CITY, view(), []],
    ['the city above, computed', CITY, view({ status: 'computed' }), ['score']],
    ['the city above, submitted', CITY, view({ status: 'submitted', complete: true }), ['confirm', 'return']],
    ['the city above, confirmed', CITY, view({ status: 'confirmed', grade: 'fail' }), []],
    ['a sibling county', SIBLING, view({ status: 'submitted' }), []],
    ['another city', OTHER_CITY, view({ status: 'submitted' }), []],
    ['the province (not directly above a county)', PROVINCE, view({ status: 'submitted' }), []],
    ['a department inspector', INSPECTOR, view({ status: 'computed' }), []],
    ['the administrator', ADMIN, view({ status: 'submitted' }), []],
    ['the province above a city', PROVINCE, view({ regionCode: '320500000000', status: 'submitted' }), ['confirm', 'return']],
    ['a city on its own sheet', CITY, view({ regionCode: '320500000000', status: 'draft' }), ['compute']],
  ];
  for (const [name, a, v, want] of allowed) test(`allowed: ${name}`, () => assert.deepEqual(assessmentAllowedActions(a, v), want));

  test('relations', () => {
    assert.equal(relationTo(COUNTY, Z), 'own');
    assert.equal(relationTo(CITY, Z), 'above');
    assert.equal(relationTo(PROVINCE, Z), 'other');
    assert.equal(relationTo(SIBLING, Z), 'other');
  });
  test('abilities', () => {
    assert.equal(assessmentAbilities(CITY)['assessment.assess'], true);
    assert.equal(assessmentAbilities(COUNTY)['assessment.assess'], false);
    assert.equal(assessmentAbilities(COUNTY)['assessment.prepare'], true);
    assert.equal(assessmentAbilities(INSPECTOR)['assessment.view'], false);
    assert.equal(assessmentAbilities(ADMIN)['assessment.view'], true);
  });
});

describe('dates', () => {
  const months: [string, number, string][] = [
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-10', 1, '2027-01-10'],
    ['2026-03-31', 12, '2027-03-31'],
  ];
  for (const [d, m, want] of months) test(`${d} + ${m} month(s) = ${want}`, () => assert.equal(addMonthsToDay(d, m), want));
  test('the fix plan is due a month after the confirmation, overdue the day after', () => {
    const due = fixPlanDue('2026-01-20', 1);
    assert.equal(due, '2026-02-20');
    assert.equal(fixPlanOverdue(due, false, '2026-02-20'), false);
    assert.equal(fixPlanOverdue(due, false, '2026-02-21'), true);
    assert.equal(fixPlanOverdue(due, true, '2026-03-01'), false);
  });
  test('a 12-month veto ends the day before its anniversary, by itself', () => {
    const p = vetoPeriod('2026-03-15', 12);
    assert.deepEqual(p, { from: '2026-03-15', to: '2027-03-14' });
    assert.equal(vetoState({ ...p, revoked: false }, '2026-03-14'), 'pending');
    assert.equal(vetoState({ ...p, revoked: false }, '2026-03-15'), 'active');
    assert.equal(vetoState({ ...p, revoked: false }, '2027-03-14'), 'active');
    assert.equal(vetoState({ ...p, revoked: false }, '2027-03-15'), 'ended');
    assert.equal(vetoState({ ...p, revoked: true }, '2026-06-01'), 'revoked');
    assert.equal(vetoTouchesYear(p, 2025), false);
    assert.equal(vetoTouchesYear(p, 2026), true);
    assert.equal(vetoTouchesYear(p, 2027), true);
    assert.equal(vetoTouchesYear(p, 2028), false);
  });
  test('quarters', () => {
    assert.deepEqual(quarterPeriod(2026, 1), { from: '2026-01-01', to: '2026-03-31' });
    assert.deepEqual(quarterPeriod(2026, 4), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(quarterPeriod(2028, 1), { from: '2028-01-01', to: '2028-03-31' });
    assert.deepEqual(lastEndedQuarter('2026-12-07'), { year: 2026, quarter: 3 });
    assert.deepEqual(lastEndedQuarter('2026-02-01'), { year: 2025, quarter: 4 });
  });
});

describe('the bulletin ranking', () => {
  const row = (regionCode: string, deaths: number, accidents: number, found: number, closed: number) => ({
    regionCode,
    regionName: regionCode,
    deaths,
    accidents,
    hazardsFound: found,
    hazardsClosed: closed,
    inspections: 0,
    reports: 0,
  });
  test('fewer deaths, then fewer accidents, then the higher rate; equal rows share a rank', () => {
    const r = rankBulletin([
      row('A', 1, 1, 10, 10),
      row('B', 0, 2, 10, 5),
      row('C', 0, 2, 10, 9),
      row('D', 0, 1, 0, 0),
      row('E', 0, 2, 10, 9),
    ]);
    assert.deepEqual(
      r.map((x) => [x.regionCode, x.rank]),
      [
        ['D', 1],
        ['C', 2],
        ['E', 2],
        ['B', 4],
        ['A', 5],
      ],
    );
  });
});

describe('who takes a step at all', () => {
  test('the county never confirms, the city never submits', async () => {
    const { takesAssessmentStep } = await import('./assessment-policy.ts');
    const county: Actor = {
      id: 'c',
      username: 'c',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const city: Actor = {
      id: 'd',
      username: 'd',
      role: 'citySupervisor',
      scope: { regionPrefix: '3205', industries: null, enterpriseId: null },
    };
    assert.equal(takesAssessmentStep(county, '320582000000', 'confirm'), false);
    assert.equal(takesAssessmentStep(county, '320582000000', 'submit'), true);
    assert.equal(takesAssessmentStep(city, '320582000000', 'submit'), false);
    assert.equal(takesAssessmentStep(city, '320582000000', 'confirm'), true);
    assert.equal(takesAssessmentStep(city, '320582000000', 'score'), true);
  });
});
