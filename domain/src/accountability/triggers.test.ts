// The 约谈 triggers at their window edges: 30 days and 6 months exactly fire, one day beyond does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import { addCalendarMonths, evaluateTriggers, summonedLevelOf, type TriggerAccident, triggerRules, withinWindow } from './triggers.ts';

// Noon Beijing time on a date, as an instant.
const at = (d: string) => `${d}T04:00:00.000Z`;
const acc = (
  id: string,
  d: string,
  grade: AccidentGrade,
  region = '321302101000',
  extra: Partial<TriggerAccident> = {},
): TriggerAccident => ({
  id,
  regionCode: region,
  occurredAt: at(d),
  grade,
  ...extra,
});
const rules = triggerRules();
const fired = (accidents: TriggerAccident[], now = at('2026-12-07')) => evaluateTriggers(accidents, rules, now, 3650).map((f) => f.rule);

test('calendar months keep the day or fall back to the month end', () => {
  for (const [from, n, to] of [
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-12-31', 2, '2027-02-28'],
  ] as const)
    assert.equal(addCalendarMonths(from, n), to, `${from} + ${n}`);
});

test('window edges: 30 days and 6 months exactly are within, one day beyond is not', () => {
  const cases: [string, string, Parameters<typeof withinWindow>[2], boolean][] = [
    ['2026-03-01', '2026-03-31', { days: 30 }, true],
    ['2026-03-01', '2026-04-01', { days: 30 }, false],
    ['2026-01-15', '2026-07-15', { months: 6 }, true],
    ['2026-01-15', '2026-07-16', { months: 6 }, false],
    ['2026-08-31', '2027-02-28', { months: 6 }, true],
    ['2026-08-31', '2027-03-01', { months: 6 }, false],
  ];
  for (const [a, b, w, ok] of cases) assert.equal(withinWindow(at(a), at(b), w), ok, `${a} → ${b}`);
  // Beijing dates, not UTC: 23:30 UTC on 2026-03-31 is already 04-01 in Beijing.
  assert.equal(withinWindow(at('2026-03-01'), '2026-03-31T16:30:00.000Z', { days: 30 }), false);
});

test('province: 2 serious accidents within 30 days, at the edge and one day beyond', () => {
  const p = '320000000000';
  assert.deepEqual(
    fired([acc('a', '2026-03-01', 'serious', '320100000000'), acc('b', '2026-03-31', 'serious', '320500000000')]).filter((r) =>
      r.startsWith('province'),
    ),
    ['province.serious2in30d'],
  );
  assert.deepEqual(
    fired([acc('a', '2026-03-01', 'serious', '320100000000'), acc('b', '2026-04-01', 'serious', '320500000000')]).filter((r) =>
      r.startsWith('province'),
    ),
    [],
  );
  const f = evaluateTriggers([acc('a', '2026-03-01', 'serious'), acc('b', '2026-03-31', 'serious')], rules, at('2026-12-07'), 3650).find(
    (x) => x.rule === 'province.serious2in30d',
  );
  assert.equal(f?.targetRegion, p);
  assert.deepEqual(f?.accidentIds, ['a', 'b']);
  assert.equal(f?.summoned, 'deputy');
});

test('province: 3 serious accidents within 6 months, at the edge and one day beyond', () => {
  const three = (last: string) => [acc('a', '2026-01-15', 'serious'), acc('b', '2026-04-01', 'serious'), acc('c', last, 'serious')];
  assert.ok(fired(three('2026-07-15')).includes('province.serious3in6m'));
  assert.ok(!fired(three('2026-07-16')).includes('province.serious3in6m'));
});

test('city: 3 major accidents within 6 months in one city; in two cities they do not add up', () => {
  const m = (id: string, d: string, region = '321302101000') => acc(id, d, 'major', region);
  const cityRules = (a: TriggerAccident[]) => fired(a).filter((r) => r === 'city.major3in6m');
  assert.deepEqual(cityRules([m('a', '2026-01-15'), m('b', '2026-03-01'), m('c', '2026-07-15', '321311000000')]), ['city.major3in6m']);
  assert.deepEqual(cityRules([m('a', '2026-01-15'), m('b', '2026-03-01'), m('c', '2026-07-16')]), []);
  assert.deepEqual(cityRules([m('a', '2026-01-15'), m('b', '2026-03-01'), m('c', '2026-07-15', '320582000000')]), []);
  // A fourth within six months of the second completes the count again: a new occasion.
  assert.deepEqual(cityRules([m('a', '2026-01-15'), m('b', '2026-03-01'), m('c', '2026-07-15'), m('d', '2026-08-20')]), [
    'city.major3in6m',
    'city.major3in6m',
  ]);
});

test('single-accident rules: especially serious, a serious one for the city, a concealed major one', () => {
  assert.deepEqual(fired([acc('x', '2026-06-01', 'especiallySerious')]), ['province.especiallySerious']);
  assert.deepEqual(fired([acc('x', '2026-06-01', 'serious')]), ['city.serious']);
  assert.deepEqual(fired([acc('x', '2026-06-01', 'major')]).sort(), ['county.major']);
  assert.deepEqual(fired([acc('x', '2026-06-01', 'major', undefined, { concealed: true })]).sort(), [
    'city.majorConcealed',
    'county.major',
  ]);
  // Near misses never count.
  assert.deepEqual(fired([acc('x', '2026-06-01', 'especiallySerious', undefined, { nearMiss: true })]), []);
});

test('county: fatal ordinary accidents only, 3 within 6 months by default; the counts are settings', () => {
  const o = (id: string, d: string, deaths: number) => acc(id, d, 'ordinary', '321302101000', { deaths });
  assert.deepEqual(fired([o('a', '2026-01-15', 1), o('b', '2026-02-01', 1), o('c', '2026-07-15', 2)]), ['county.fatalOrdinary']);
  assert.deepEqual(fired([o('a', '2026-01-15', 1), o('b', '2026-02-01', 0), o('c', '2026-07-15', 2)]), []);
  const two = triggerRules({ countyMajorCount: 2, countyFatalOrdinaryCount: 3 });
  const r = evaluateTriggers([acc('a', '2026-01-15', 'major'), acc('b', '2026-07-15', 'major')], two, at('2026-12-07'), 3650);
  assert.deepEqual(
    r.map((f) => [f.rule, f.targetRegion]),
    [['county.major', '321302000000']],
  );
  assert.equal(two.find((x) => x.key === 'county.major')?.provisional, true);
});

test('the lookback: a firing older than it is history; future accidents are ignored', () => {
  const now = at('2026-12-07');
  assert.equal(evaluateTriggers([acc('x', '2026-06-10', 'serious')], rules, now, 180).length, 1);
  assert.equal(evaluateTriggers([acc('x', '2026-06-09', 'serious')], rules, now, 180).length, 0);
  assert.equal(evaluateTriggers([acc('x', '2026-12-08', 'serious')], rules, now, 180).length, 0);
});

test('who sees which level: the nation provinces, a province cities, a city counties, a county none', () => {
  assert.deepEqual((['national', 'province', 'city', 'county'] as const).map(summonedLevelOf), ['province', 'city', 'county', null]);
});
