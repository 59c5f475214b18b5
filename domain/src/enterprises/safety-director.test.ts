import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lacksSafetyDirector, requiresSafetyDirector } from './safety-director.ts';

test('100 employees or 2000 万元 in a high-risk field requires a safety director (boundaries inclusive)', () => {
  const cases: [number | null, number | null, boolean][] = [
    [100, 0, true],
    [99, 0, false],
    [0, 2000, true],
    [0, 1999.99, false],
    [99, 1999, false],
    [null, null, false],
  ];
  for (const [employees, revenueWan, expected] of cases) {
    assert.equal(requiresSafetyDirector({ employees, revenueWan, highRisk: ['mining'] }), expected, `${employees}/${revenueWan}`);
  }
});

test('no high-risk field, no requirement however large', () => {
  assert.equal(requiresSafetyDirector({ employees: 5000, revenueWan: 1e6, highRisk: [] }), false);
});

test('lacking means required and blank', () => {
  const big = { employees: 300, revenueWan: 0, highRisk: ['hazardousChemicals'] as const };
  assert.equal(lacksSafetyDirector({ ...big, safetyDirector: null }), true);
  assert.equal(lacksSafetyDirector({ ...big, safetyDirector: '  ' }), true);
  assert.equal(lacksSafetyDirector({ ...big, safetyDirector: '张安' }), false);
});
