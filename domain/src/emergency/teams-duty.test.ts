// Table tests of the duty rules (Decree 708 Art. 10, 14): who must keep 24-hour duty, roster gaps
// at their edges, who is on duty at a boundary, overlaps, copying a week, masking a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  beijingWeekStart,
  copyWeekForward,
  DEFAULT_DUTY_RULES,
  type DutyUnit,
  dutyObligation,
  mustKeep24hDuty,
  needsRescueTeam,
  onDutyAt,
  overlappingShifts,
  rosterGaps,
} from './teams-duty.ts';
import { maskPhone, shiftBodySchema, teamBodySchema } from './teams-model.ts';

const ent = (highRisk: string[], industryCode: string | null, employees: number | null): DutyUnit => ({
  kind: 'enterprise',
  highRisk,
  industryCode,
  employees,
});

describe('dutyObligation (Decree 708 Art. 14)', () => {
  const cases: [string, DutyUnit, boolean, boolean][] = [
    ['government', { kind: 'government' }, true, true],
    ['department', { kind: 'department' }, true, true],
    ['rescue team', { kind: 'team' }, true, true],
    ['hazardous chemicals, 100 employees (the threshold)', ent(['hazardousChemicals'], '2614', 100), true, true],
    ['hazardous chemicals, 99 employees', ent(['hazardousChemicals'], '2614', 99), true, false],
    ['hazardous chemicals, head count unknown', ent(['hazardousChemicals'], '2614', null), true, false],
    ['fireworks by industry, 300 employees', ent([], '2672', 300), true, true],
    ['mine, 500 employees: a duty system, not 24 h', ent(['mining'], '0610', 500), true, false],
    ['metallurgy', ent(['metallurgy'], '3110', 800), true, false],
    ['construction', ent(['construction'], '4710', 50), true, false],
    ['urban rail transit by industry', ent([], '5412', 2000), true, false],
    ['dust explosion only: not named', ent(['dustExplosion'], '1310', 900), false, false],
    ['a shop', ent([], '5211', 20), false, false],
  ];
  for (const [name, unit, system, h24] of cases)
    test(name, () => {
      const o = dutyObligation(unit);
      assert.equal(o.dutySystem, system);
      assert.equal(o.twentyFourHour, h24);
      assert.equal(mustKeep24hDuty(unit), h24);
    });
  test('the settings move the rule', () => {
    assert.equal(mustKeep24hDuty({ kind: 'government' }, { ...DEFAULT_DUTY_RULES, governments24h: false }), false);
    assert.equal(mustKeep24hDuty({ kind: 'team' }, { ...DEFAULT_DUTY_RULES, teams24h: false }), false);
    assert.equal(mustKeep24hDuty(ent(['hazardousChemicals'], '2614', 50), { ...DEFAULT_DUTY_RULES, largeHazardousMinEmployees: 50 }), true);
  });
});

describe('needsRescueTeam (Art. 10)', () => {
  const cases: [string, Parameters<typeof needsRescueTeam>[0], boolean][] = [
    ['hazardous chemicals', { highRisk: ['hazardousChemicals'], industryCode: '2614', employees: 10 }, true],
    ['hotel (人员密集场所)', { highRisk: [], industryCode: '6110', employees: 30 }, true],
    ['scenic area', { highRisk: [], industryCode: '7861', employees: 30 }, true],
    ['textile mill', { highRisk: [], industryCode: '1711', employees: 300 }, false],
  ];
  for (const [name, u, want] of cases) test(name, () => assert.equal(needsRescueTeam(u), want));
});

describe('rosterGaps', () => {
  const at = (h: string) => `2026-12-08T${h}:00+08:00`;
  const iso = (h: string) => new Date(at(h)).toISOString();
  const s = (a: string, b: string) => ({ startsAt: at(a), endsAt: at(b) });
  test('a shift ending 08:00 and the next starting 08:00: no gap', () => {
    assert.deepEqual(rosterGaps([s('00:00', '08:00'), s('08:00', '23:59')], at('00:00'), at('23:59')), []);
  });
  test('the next starting 08:01: a gap of one minute', () => {
    assert.deepEqual(rosterGaps([s('00:00', '08:00'), s('08:01', '23:59')], at('00:00'), at('23:59')), [
      { from: iso('08:00'), to: iso('08:01'), minutes: 1 },
    ]);
  });
  test('uncovered start and end of the window, overlapping shifts merged, order does not matter', () => {
    const gaps = rosterGaps([s('12:00', '18:00'), s('06:00', '13:00')], at('00:00'), at('20:00'));
    assert.deepEqual(
      gaps.map((g) => g.minutes),
      [360, 120],
    );
  });
  test('a shift beyond the window is clipped; an empty roster is one gap', () => {
    assert.deepEqual(rosterGaps([s('00:00', '23:00')], at('02:00'), at('03:00')), []);
    assert.equal(rosterGaps([], at('00:00'), at('01:00'))[0]?.minutes, 60);
  });
});

describe('onDutyAt: start included, end excluded', () => {
  const shifts = [
    { role: 'officer', startsAt: '2026-12-08T00:00:00.000Z', endsAt: '2026-12-08T08:00:00.000Z', name: 'A' },
    { role: 'officer', startsAt: '2026-12-08T08:00:00.000Z', endsAt: '2026-12-08T16:00:00.000Z', name: 'B' },
    { role: 'leader', startsAt: '2026-12-08T00:00:00.000Z', endsAt: '2026-12-09T00:00:00.000Z', name: 'L' },
  ];
  test('at 08:00 the next shift is on, the leader first', () => {
    assert.deepEqual(
      onDutyAt(shifts, '2026-12-08T08:00:00.000Z').map((s) => s.name),
      ['L', 'B'],
    );
    assert.deepEqual(
      onDutyAt(shifts, '2026-12-08T07:59:59.999Z').map((s) => s.name),
      ['L', 'A'],
    );
  });
});

describe('overlaps and copying a week', () => {
  const a = { personName: '张三', startsAt: '2026-12-08T00:00:00Z', endsAt: '2026-12-08T08:00:00Z', role: 'officer', phone: '1' };
  test('the same person overlapping; touching is fine; another person is fine', () => {
    assert.equal(
      overlappingShifts([a], { personName: ' 张三', startsAt: '2026-12-08T07:00:00Z', endsAt: '2026-12-08T09:00:00Z' }).length,
      1,
    );
    assert.equal(
      overlappingShifts([a], { personName: '张三', startsAt: '2026-12-08T08:00:00Z', endsAt: '2026-12-08T09:00:00Z' }).length,
      0,
    );
    assert.equal(
      overlappingShifts([a], { personName: '李四', startsAt: '2026-12-08T07:00:00Z', endsAt: '2026-12-08T09:00:00Z' }).length,
      0,
    );
  });
  test('copy moves a week on and skips a clash', () => {
    const moved = copyWeekForward([a], []);
    assert.equal(moved[0]?.startsAt, '2026-12-15T00:00:00.000Z');
    assert.equal(
      copyWeekForward([a], [{ personName: '张三', startsAt: '2026-12-15T04:00:00Z', endsAt: '2026-12-15T05:00:00Z' }]).length,
      0,
    );
  });
  test('the Beijing week starts on Monday 00:00 +08:00', () => {
    assert.deepEqual(beijingWeekStart(new Date('2026-12-06T17:00:00Z')), { day: '2026-12-07', instant: '2026-12-06T16:00:00.000Z' });
    assert.equal(beijingWeekStart(new Date('2026-12-06T15:59:00Z')).day, '2026-11-30');
  });
});

describe('bodies and masking', () => {
  test('a shift ending before it starts is refused on endsAt', () => {
    const r = shiftBodySchema.safeParse({
      ownerKind: 'government',
      regionCode: '321302000000',
      personName: '张三',
      role: 'officer',
      phone: '0527-84361234',
      startsAt: '2026-12-08T08:00:00+08:00',
      endsAt: '2026-12-08T07:00:00+08:00',
    });
    assert.equal(r.success, false);
    assert.deepEqual(
      r.error?.issues.map((i) => i.path.join('.')),
      ['endsAt'],
    );
  });
  test('an enterprise team needs its unit; coordinates come in pairs', () => {
    const r = teamBodySchema.safeParse({
      name: '队',
      kind: 'enterprise',
      size: 3,
      regionCode: '321302000000',
      contactName: '王',
      contactPhone: '13800000000',
      lat: 33.9,
    });
    assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')).sort(), ['enterpriseId', 'lng']);
  });
  test('a phone keeps its first 3 and last 2 digits', () => {
    assert.equal(maskPhone('13812345678'), '138******78');
    assert.equal(maskPhone('0527-8436'), '052***36');
    assert.equal(maskPhone(null), null);
  });
});
