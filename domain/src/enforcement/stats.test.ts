import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  collectionRate,
  covertQuota,
  emptyStatsCounts,
  filingRate,
  formatCount,
  formatRate,
  formatYuan,
  isCalendarDay,
  mayViewEnforcementStats,
  monthsOf,
  namedPeriod,
  parseStatsPeriod,
  penaltyRate,
  periodLabel,
  planCompletion,
  quotaCompletion,
  withStatsRates,
} from './stats.ts';

const TODAY = '2026-12-06';

test('named periods: a year, a month (leap February), a quarter', () => {
  assert.deepEqual(namedPeriod('2025'), { from: '2025-01-01', to: '2025-12-31' });
  assert.deepEqual(namedPeriod('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(namedPeriod('2025-02'), { from: '2025-02-01', to: '2025-02-28' });
  assert.deepEqual(namedPeriod('2025-Q3'), { from: '2025-07-01', to: '2025-09-30' });
  assert.deepEqual(namedPeriod('2025-Q4'), { from: '2025-10-01', to: '2025-12-31' });
  for (const bad of ['2025-13', '2025-Q5', '25', '2025-7', 'last year']) assert.equal(namedPeriod(bad), null, bad);
});

test('a period: named, a range, open ends, nothing (this Beijing year to today)', () => {
  assert.deepEqual(parseStatsPeriod({}, TODAY), { ok: true, period: { from: '2026-01-01', to: TODAY } });
  assert.deepEqual(parseStatsPeriod({ period: '2025-Q1' }, TODAY), { ok: true, period: { from: '2025-01-01', to: '2025-03-31' } });
  assert.deepEqual(parseStatsPeriod({ from: '2025-03-05', to: '2025-04-10' }, TODAY), {
    ok: true,
    period: { from: '2025-03-05', to: '2025-04-10' },
  });
  assert.deepEqual(parseStatsPeriod({ from: '2026-03-05' }, TODAY), { ok: true, period: { from: '2026-03-05', to: TODAY } });
  assert.deepEqual(parseStatsPeriod({ to: '2025-06-30' }, TODAY), { ok: true, period: { from: '2025-01-01', to: '2025-06-30' } });
});

test('a bad period is refused with the field it is in', () => {
  const fields = (q: Parameters<typeof parseStatsPeriod>[0]) => {
    const r = parseStatsPeriod(q, TODAY);
    assert.equal(r.ok, false);
    return r.ok ? [] : Object.keys(r.fields).sort();
  };
  assert.deepEqual(fields({ period: '2025-13' }), ['period']);
  assert.deepEqual(fields({ period: '2025', from: '2025-01-01' }), ['period']);
  assert.deepEqual(fields({ from: '2025-02-30' }), ['from']);
  assert.deepEqual(fields({ from: '2025-05-01', to: '2025-04-30' }), ['to']);
  assert.deepEqual(fields({ from: '1999-12-31', to: '2000-01-31' }), ['from']);
  assert.deepEqual(fields({ from: '2001-01-01', to: '2025-01-01' }), ['to'], 'more than ten years');
  assert.deepEqual(fields({ period: '1990' }), ['period']);
});

test('calendar days, months of a period, its heading', () => {
  assert.ok(isCalendarDay('2024-02-29'));
  assert.ok(!isCalendarDay('2025-02-29'));
  assert.ok(!isCalendarDay('2025-1-01'));
  assert.deepEqual(monthsOf({ from: '2024-11-15', to: '2025-02-01' }), ['2024-11', '2024-12', '2025-01', '2025-02']);
  assert.deepEqual(monthsOf({ from: '2025-07-01', to: '2025-07-31' }), ['2025-07']);
  assert.equal(periodLabel({ from: '2025-01-01', to: '2025-12-31' }), '2025年');
  assert.equal(periodLabel({ from: '2025-07-01', to: '2025-07-31' }), '2025年7月');
  assert.equal(periodLabel({ from: '2025-07-01', to: '2025-09-30' }), '2025年第三季度');
  assert.equal(periodLabel({ from: '2025-08-01', to: '2025-10-31' }), '2025年8月1日至2025年10月31日', 'three months, not a quarter');
  assert.equal(periodLabel({ from: '2025-01-01', to: '2025-03-15' }), '2025年1月1日至2025年3月15日');
});

test('立案率, 处罚率, collection and plan completion; nothing to divide by is null, shown —', () => {
  assert.equal(filingRate({ cases: 3, withViolations: 4 }), 0.75);
  assert.equal(filingRate({ cases: 0, withViolations: 0 }), null);
  assert.equal(penaltyRate({ decisions: 1, cases: 4 }), 0.25);
  assert.equal(penaltyRate({ decisions: 2, cases: 0 }), null);
  assert.equal(collectionRate({ finesCollected: 15_000, finesDecided: 20_000 }), 0.75);
  assert.equal(planCompletion({ planDone: 0, planned: 5 }), 0);
  assert.equal(formatRate(null), '—');
  assert.equal(formatRate(2 / 3), '66.7%');
  assert.equal(formatRate(0), '0.0%');
  const r = withStatsRates({ ...emptyStatsCounts(), covert: 2 }, null);
  assert.deepEqual(
    [r.filingRate, r.penaltyRate, r.collectionRate, r.planCompletion, r.covertQuota, r.quotaCompletion],
    [null, null, null, null, null, null],
  );
});

test('the covert-visit quota: each organ’s yearly quota for each year the period touches; a township has none', () => {
  const q = { county: 3, city: 5 };
  const year = { from: '2025-01-01', to: '2025-12-31' };
  assert.equal(covertQuota({ counties: 1, cities: 0 }, q, year), 3);
  assert.equal(covertQuota({ counties: 5, cities: 1 }, q, year), 20, 'a city: its own 5 and 3 for each of its 5 counties');
  assert.equal(covertQuota({ counties: 1, cities: 0 }, q, { from: '2023-01-01', to: '2025-12-31' }), 9);
  assert.equal(covertQuota({ counties: 1, cities: 0 }, q, { from: '2025-07-01', to: '2025-07-31' }), 3, 'a month: the year’s quota');
  assert.equal(covertQuota({ counties: 0, cities: 0 }, q, year), null);
  assert.equal(quotaCompletion(2, 3), 2 / 3);
  assert.equal(quotaCompletion(4, 3), 4 / 3, 'more than the quota shows above 100 %');
  assert.equal(quotaCompletion(0, 0), null);
  assert.equal(quotaCompletion(1, null), null);
});

test('human numbers: money grouped, in 万元 from ten thousand; unknown counts —', () => {
  assert.equal(formatYuan(800), '800 元');
  assert.equal(formatYuan(12_000), '12,000 元（1.20 万元）');
  assert.equal(formatYuan(1_234_567.5), '1,234,567.50 元（123.46 万元）');
  assert.equal(formatYuan(null), '—');
  assert.equal(formatCount(1_000_000), '1,000,000');
  assert.equal(formatCount(null), '—');
});

test('who reads the statistics: enforcing organs and administrators; not enterprises, townships, grid workers', () => {
  const actor = (role: Role): Actor => ({
    id: 'u',
    username: 'u',
    role,
    scope: { regionPrefix: '32', industries: null, enterpriseId: null },
  });
  const table: [Role, boolean][] = [
    ['platformAdmin', true],
    ['provinceSupervisor', true],
    ['citySupervisor', true],
    ['countySupervisor', true],
    ['departmentInspector', true],
    ['townshipSupervisor', false],
    ['gridWorker', false],
    ['enterpriseAdmin', false],
    ['enterpriseStaff', false],
  ];
  for (const [role, may] of table) assert.equal(mayViewEnforcementStats(actor(role)), may, role);
});
