// Resolving an enterprise to its supervising departments (三管三必须) and the gaps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { responsibilityGaps, supervisorsOf } from './responsibility.ts';
import { tourCoverage } from './tours.ts';

const depts = [
  { id: 'c1', name: '市应急局', regionCode: '321300000000', industries: ['25', '26'] },
  { id: 'k1', name: '宿城区应急局', regionCode: '321302000000', industries: ['26'] },
  { id: 'o1', name: '苏州市住建局', regionCode: '320500000000', industries: ['47'] },
  { id: 'p1', name: '省交通厅', regionCode: '320000000000', industries: ['54'] },
];

test('an enterprise resolves to the departments of its county, city and province holding its industry, nearest first', () => {
  assert.deepEqual(
    supervisorsOf({ regionCode: '321302101000', industryCode: '2614' }, depts).map((d) => d.id),
    ['k1', 'c1'],
  );
  assert.deepEqual(
    supervisorsOf({ regionCode: '321311000000', industryCode: '5411' }, depts).map((d) => d.id),
    ['p1'],
  );
  // Another city's department does not supervise here.
  assert.deepEqual(supervisorsOf({ regionCode: '321302101000', industryCode: '4700' }, depts), []);
});

test('gaps: divisions with enterprises that no department supervises', () => {
  const gaps = responsibilityGaps(
    [
      { countyCode: '321302', division: '26', enterprises: 4 },
      { countyCode: '321302', division: '47', enterprises: 2 },
      { countyCode: '321311', division: '25', enterprises: 1 },
      { countyCode: '321311', division: '13', enterprises: 3 },
    ],
    depts,
  );
  assert.deepEqual(gaps, [
    { countyCode: '321302', division: '47', enterprises: 2 },
    { countyCode: '321311', division: '13', enterprises: 3 },
  ]);
});

test('tour coverage: planned, visited, and who is not yet covered', () => {
  const all = ['a', 'b', 'c'].map((k) => ({ kind: 'government' as const, key: k, name: k }));
  const c = tourCoverage(all, [
    { key: 'a', visited: true },
    { key: 'b', visited: false },
  ]);
  assert.deepEqual(
    c.visited.map((x) => x.key),
    ['a'],
  );
  assert.deepEqual(
    c.notVisited.map((x) => x.key),
    ['b', 'c'],
  );
  assert.deepEqual(
    c.notPlanned.map((x) => x.key),
    ['c'],
  );
});
