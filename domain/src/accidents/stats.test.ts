// The comparisons the statistics page answers "双下降?" with: the change from the same period last
// year, and both the number of accidents and the deaths falling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCIDENT_MEASURES, type Change, doubleDecline, samePeriodLastYear, yearOnYear } from './stats.ts';

test('yearOnYear: delta, percent to one decimal, direction; no percent from zero', () => {
  const cases: [number, number, Change][] = [
    [8, 10, { current: 8, previous: 10, delta: -2, percent: -20, direction: 'down' }],
    [10, 8, { current: 10, previous: 8, delta: 2, percent: 25, direction: 'up' }],
    [7, 7, { current: 7, previous: 7, delta: 0, percent: 0, direction: 'flat' }],
    [1, 3, { current: 1, previous: 3, delta: -2, percent: -66.7, direction: 'down' }],
    [2, 3, { current: 2, previous: 3, delta: -1, percent: -33.3, direction: 'down' }],
    [0, 4, { current: 0, previous: 4, delta: -4, percent: -100, direction: 'down' }],
    [5, 0, { current: 5, previous: 0, delta: 5, percent: null, direction: 'up' }],
    [0, 0, { current: 0, previous: 0, delta: 0, percent: null, direction: 'flat' }],
    [1234.56, 1000.1, { current: 1234.56, previous: 1000.1, delta: 234.46, percent: 23.4, direction: 'up' }],
    [0.1, 0.3, { current: 0.1, previous: 0.3, delta: -0.2, percent: -66.7, direction: 'down' }],
  ];
  for (const [current, previous, expected] of cases) assert.deepEqual(yearOnYear(current, previous), expected, `${current} vs ${previous}`);
});

test('双下降: fewer accidents and fewer deaths, both', () => {
  const cases: [[number, number], [number, number], boolean][] = [
    [[8, 10], [3, 5], true],
    [[8, 10], [5, 5], false],
    [[10, 10], [3, 5], false],
    [[8, 10], [6, 5], false],
    [[12, 10], [3, 5], false],
    [[0, 0], [0, 0], false],
    [[0, 2], [0, 1], true],
  ];
  for (const [[a, pa], [d, pd], expected] of cases)
    assert.equal(doubleDecline(yearOnYear(a, pa), yearOnYear(d, pd)), expected, `accidents ${a}/${pa} deaths ${d}/${pd}`);
});

test('the same period last year, 29 February included', () => {
  const cases: [{ from: string; to: string }, { from: string; to: string }][] = [
    [
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2025-01-01', to: '2025-12-31' },
    ],
    [
      { from: '2026-07-01', to: '2026-09-30' },
      { from: '2025-07-01', to: '2025-09-30' },
    ],
    [
      { from: '2026-03-05', to: '2026-04-10' },
      { from: '2025-03-05', to: '2025-04-10' },
    ],
    // February of a leap year against last year's February.
    [
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2023-02-01', to: '2023-02-28' },
    ],
    // A period starting on 29 February.
    [
      { from: '2024-02-29', to: '2024-03-31' },
      { from: '2023-02-28', to: '2023-03-31' },
    ],
    // February 2025 against all of February 2024, 29th included.
    [
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2024-02-01', to: '2024-02-29' },
    ],
    [
      { from: '2025-01-01', to: '2025-02-28' },
      { from: '2024-01-01', to: '2024-02-29' },
    ],
    // The 28th as a start stays the 28th; a 28 February in a leap year is not the month’s end.
    [
      { from: '2025-02-28', to: '2025-03-31' },
      { from: '2024-02-28', to: '2024-03-31' },
    ],
    [
      { from: '2024-01-01', to: '2024-02-28' },
      { from: '2023-01-01', to: '2023-02-28' },
    ],
    // Century years: 2100 is not a leap year, 2000 was.
    [
      { from: '2101-02-01', to: '2101-02-28' },
      { from: '2100-02-01', to: '2100-02-28' },
    ],
    [
      { from: '2001-02-01', to: '2001-02-28' },
      { from: '2000-02-01', to: '2000-02-29' },
    ],
  ];
  for (const [period, expected] of cases) assert.deepEqual(samePeriodLastYear(period), expected, JSON.stringify(period));
});

test('the measures compared', () => {
  assert.deepEqual(ACCIDENT_MEASURES, ['accidents', 'deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan']);
});
