// Drill frequency at its edges: 30 June vs 1 July, 31 December vs 1 January, a Decree 708 unit vs
// not, each on-site plan on its own, a township's 2 years (the current and the previous calendar
// year), an unqualified drill not counting until corrected, and the rolling convention.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  calendarHalf,
  calendarYears,
  DEFAULT_DRILL_FREQUENCY,
  type DrillObligation,
  drillObligations,
  type FrequencyDrill,
  type FrequencyPlan,
  missingDrills,
  rollingFrom,
} from './drills-frequency.ts';

const ENT = { ownerKind: 'enterprise' as const, decree708: false };
const HIGH = { ownerKind: 'enterprise' as const, decree708: true };
const GOV = { ownerKind: 'government' as const, decree708: false };
const COMP: FrequencyPlan = { id: 'p-comp', planType: 'comprehensive', title: '综合应急预案' };
const SITE1: FrequencyPlan = { id: 'p-site1', planType: 'onSite', title: '储罐泄漏现场处置方案' };
const SITE2: FrequencyPlan = { id: 'p-site2', planType: 'onSite', title: '配电室火灾现场处置方案' };

let n = 0;
const drill = (heldOn: string, planId: string | null, extra: Partial<FrequencyDrill> = {}): FrequencyDrill => ({
  id: `d${++n}`,
  heldOn,
  status: 'done',
  planId,
  planType: null,
  contentType: 'single',
  ...extra,
});
const state = (o: DrillObligation[], code: string, which: 'current' | 'previous', planId: string | null = null) =>
  o.find((x) => x.code === code && x.which === which && x.planId === planId)?.state;

describe('drill periods', () => {
  test('half-years split between 30 June and 1 July (Beijing dates)', () => {
    assert.deepEqual(calendarHalf('2026-06-30'), { from: '2026-01-01', to: '2026-06-30' });
    assert.deepEqual(calendarHalf('2026-07-01'), { from: '2026-07-01', to: '2026-12-31' });
    assert.deepEqual(calendarHalf('2026-01-01', 1), { from: '2025-07-01', to: '2025-12-31' });
    assert.deepEqual(calendarHalf('2026-07-01', 1), { from: '2026-01-01', to: '2026-06-30' });
  });
  test('2 years are this and last calendar year; the one before ends last year', () => {
    assert.deepEqual(calendarYears('2026-12-07', 2), { from: '2025-01-01', to: '2026-12-31' });
    assert.deepEqual(calendarYears('2026-12-07', 2, 1), { from: '2024-01-01', to: '2025-12-31' });
  });
  test('rolling windows start the day after the same date months back (clamped at month ends)', () => {
    assert.equal(rollingFrom('2026-12-07', 6), '2026-06-08');
    assert.equal(rollingFrom('2026-08-31', 6), '2026-03-01');
    assert.equal(rollingFrom('2024-02-29', 12), '2023-03-01');
  });
});

describe('drill obligations', () => {
  test('an on-site drill on 30 June meets the first half only; on 1 July the second', () => {
    const june = drill('2026-06-30', SITE1.id);
    const july = drill('2026-07-01', SITE1.id);
    const inJuly = drillObligations(ENT, [SITE1], [june], '2026-07-01');
    assert.equal(state(inJuly, 'halfYearlyOnSite', 'previous', SITE1.id), 'met');
    assert.equal(state(inJuly, 'halfYearlyOnSite', 'current', SITE1.id), 'open');
    const both = drillObligations(ENT, [SITE1], [june, july], '2026-07-01');
    assert.equal(state(both, 'halfYearlyOnSite', 'current', SITE1.id), 'met');
    // On 30 June the June drill is this half's.
    assert.equal(state(drillObligations(ENT, [SITE1], [june], '2026-06-30'), 'halfYearlyOnSite', 'current', SITE1.id), 'met');
  });
  test('a drill on 31 December counts for that year, not the next; missed is named on 1 January', () => {
    const dec31 = drill('2025-12-31', COMP.id, { planType: 'comprehensive' });
    const onDec31 = drillObligations(ENT, [COMP], [dec31], '2025-12-31');
    assert.equal(state(onDec31, 'yearlyComprehensiveOrSpecial', 'current'), 'met');
    const jan1 = drillObligations(ENT, [COMP], [dec31], '2026-01-01');
    assert.equal(state(jan1, 'yearlyComprehensiveOrSpecial', 'previous'), 'met');
    assert.equal(state(jan1, 'yearlyComprehensiveOrSpecial', 'current'), 'open');
    const none = drillObligations(ENT, [COMP], [], '2026-01-01');
    assert.equal(state(none, 'yearlyComprehensiveOrSpecial', 'previous'), 'missed');
  });
  test('an on-site drill does not meet the yearly 综合/专项 rule; an unnamed 综合演练 does', () => {
    const o = drillObligations(ENT, [COMP, SITE1], [drill('2026-03-01', SITE1.id)], '2026-12-07');
    assert.equal(state(o, 'yearlyComprehensiveOrSpecial', 'current'), 'open');
    const unnamed = drillObligations(ENT, [COMP], [drill('2026-03-01', null, { contentType: 'comprehensive' })], '2026-12-07');
    assert.equal(state(unnamed, 'yearlyComprehensiveOrSpecial', 'current'), 'met');
  });
  test('each on-site plan on its own (setting each), or any of them (setting any)', () => {
    const d = [drill('2026-08-01', SITE1.id)];
    const each = drillObligations(ENT, [SITE1, SITE2], d, '2026-12-07');
    assert.equal(state(each, 'halfYearlyOnSite', 'current', SITE1.id), 'met');
    assert.equal(state(each, 'halfYearlyOnSite', 'current', SITE2.id), 'open');
    const any = drillObligations(ENT, [SITE1, SITE2], d, '2026-12-07', { ...DEFAULT_DRILL_FREQUENCY, onSite: 'any' });
    assert.equal(state(any, 'halfYearlyOnSite', 'current'), 'met');
  });
  test('a Decree 708 unit owes a drill every half-year on top; another unit does not', () => {
    const d = [drill('2026-02-10', COMP.id, { planType: 'comprehensive' })];
    const high = drillObligations(HIGH, [COMP], d, '2026-12-07');
    assert.equal(state(high, 'yearlyComprehensiveOrSpecial', 'current'), 'met');
    assert.equal(state(high, 'halfYearlyDecree708', 'previous'), 'met');
    assert.equal(state(high, 'halfYearlyDecree708', 'current'), 'open');
    const plain = drillObligations(ENT, [COMP], d, '2026-12-07');
    assert.equal(
      plain.some((x) => x.code === 'halfYearlyDecree708'),
      false,
    );
    assert.deepEqual(
      missingDrills(high).map((x) => `${x.which}:${x.code}:${x.state}`),
      // Last year had no 综合 drill (missed first), this half-year none yet.
      ['previous:yearlyComprehensiveOrSpecial:missed', 'current:halfYearlyDecree708:open'],
    );
  });
  test('a township: a drill last year meets the 2 years; none in the two years before is missed', () => {
    const o = drillObligations(GOV, [], [drill('2025-01-01', null)], '2026-12-31');
    assert.equal(state(o, 'governmentPeriodic', 'current'), 'met');
    assert.equal(state(o, 'governmentPeriodic', 'previous'), 'met');
    const old = drillObligations(GOV, [], [drill('2024-12-31', null)], '2026-01-01');
    assert.equal(state(old, 'governmentPeriodic', 'current'), 'open');
    assert.equal(state(old, 'governmentPeriodic', 'previous'), 'met');
    const never = drillObligations(GOV, [], [drill('2023-12-31', null)], '2026-01-01');
    assert.equal(state(never, 'governmentPeriodic', 'previous'), 'missed');
    // A government owes neither the yearly nor the half-yearly enterprise rules.
    assert.deepEqual([...new Set(never.map((x) => x.code))], ['governmentPeriodic']);
  });
  test('planned, cancelled, future and unqualified drills do not count; a corrected one does', () => {
    for (const status of ['planned', 'cancelled', 'checkedUnqualified'] as const) {
      const o = drillObligations(HIGH, [], [drill('2026-08-01', null, { status })], '2026-12-07');
      assert.equal(state(o, 'halfYearlyDecree708', 'current'), 'open', status);
    }
    const future = drillObligations(HIGH, [], [drill('2026-12-08', null)], '2026-12-07');
    assert.equal(state(future, 'halfYearlyDecree708', 'current'), 'open');
    const corrected = drillObligations(HIGH, [], [drill('2026-08-01', null, { status: 'corrected' })], '2026-12-07');
    assert.equal(state(corrected, 'halfYearlyDecree708', 'current'), 'met');
  });
  test('a plan published after a period ended owes no drill in it', () => {
    const fresh = { ...SITE1, since: '2026-07-15' };
    const o = drillObligations(ENT, [fresh], [], '2026-12-07');
    assert.equal(state(o, 'halfYearlyOnSite', 'previous', SITE1.id), undefined);
    assert.equal(state(o, 'halfYearlyOnSite', 'current', SITE1.id), 'open');
  });
  test('rolling: the 6 months ending today, met or missed (never open)', () => {
    const s = { ...DEFAULT_DRILL_FREQUENCY, convention: 'rolling' as const };
    assert.equal(state(drillObligations(HIGH, [], [drill('2026-06-08', null)], '2026-12-07', s), 'halfYearlyDecree708', 'current'), 'met');
    assert.equal(
      state(drillObligations(HIGH, [], [drill('2026-06-07', null)], '2026-12-07', s), 'halfYearlyDecree708', 'current'),
      'missed',
    );
  });
});
