import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HazardRateFacts, onTimeRectificationRate, periodCounts, ratio, rectificationRate } from './rates.ts';

const h = (foundOn: string, deadline: string | null, closedOn: string | null, cancelled = false): HazardRateFacts => ({
  foundOn,
  deadline,
  closedOn,
  cancelled,
});
const Q4 = { from: '2026-10-01', to: '2026-12-31' };

test('整改率 counts hazards found in the period, closed by its last day', () => {
  const table: [string, HazardRateFacts, { found: number; closed: number }][] = [
    ['found and closed inside', h('2026-10-01', null, '2026-10-05'), { found: 1, closed: 1 }],
    ['found on the last day, closed that day', h('2026-12-31', null, '2026-12-31'), { found: 1, closed: 1 }],
    ['found inside, closed after the period', h('2026-12-20', null, '2027-01-02'), { found: 1, closed: 0 }],
    ['found inside, open', h('2026-11-11', '2026-11-30', null), { found: 1, closed: 0 }],
    ['found before the period, closed inside', h('2026-09-30', null, '2026-10-02'), { found: 0, closed: 0 }],
    ['found after the period', h('2027-01-01', null, '2027-01-01'), { found: 0, closed: 0 }],
    ['cancelled', h('2026-10-10', null, null, true), { found: 0, closed: 0 }],
  ];
  for (const [name, facts, want] of table) {
    const c = periodCounts([facts], Q4);
    assert.deepEqual({ found: c.found, closed: c.closed }, want, name);
  }
});

test('按期整改率 counts hazards whose deadline fell in the period, closed on or before it', () => {
  const table: [string, HazardRateFacts, { due: number; closedOnTime: number }][] = [
    ['closed before the deadline', h('2026-01-01', '2026-10-10', '2026-10-09'), { due: 1, closedOnTime: 1 }],
    ['closed on the deadline', h('2026-01-01', '2026-10-10', '2026-10-10'), { due: 1, closedOnTime: 1 }],
    ['closed a day late', h('2026-01-01', '2026-10-10', '2026-10-11'), { due: 1, closedOnTime: 0 }],
    ['still open', h('2026-01-01', '2026-10-10', null), { due: 1, closedOnTime: 0 }],
    ['deadline after the period', h('2026-12-01', '2027-01-15', '2026-12-02'), { due: 0, closedOnTime: 0 }],
    ['no deadline', h('2026-12-01', null, '2026-12-02'), { due: 0, closedOnTime: 0 }],
    ['cancelled', h('2026-10-01', '2026-10-10', null, true), { due: 0, closedOnTime: 0 }],
  ];
  for (const [name, facts, want] of table) {
    const c = periodCounts([facts], Q4);
    assert.deepEqual({ due: c.due, closedOnTime: c.closedOnTime }, want, name);
  }
});

test('the rates: exact fractions, null (not 0 %) when nothing was counted', () => {
  const hazards = [
    h('2026-10-01', '2026-10-10', '2026-10-09'),
    h('2026-10-02', '2026-10-10', '2026-10-20'),
    h('2026-11-01', '2026-12-01', null),
    h('2026-12-30', '2027-01-30', '2027-01-02'),
    h('2026-10-03', '2026-10-05', null, true),
  ];
  const c = periodCounts(hazards, Q4);
  assert.deepEqual(c, { found: 4, closed: 2, due: 3, closedOnTime: 1 });
  assert.equal(rectificationRate(c), 0.5);
  assert.equal(onTimeRectificationRate(c), 1 / 3);
  assert.equal(rectificationRate({ found: 0, closed: 0 }), null);
  assert.equal(onTimeRectificationRate({ due: 0, closedOnTime: 0 }), null);
  assert.equal(ratio(3, 3), 1);
});
