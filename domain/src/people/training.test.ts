// Training minimums (STANDARDS-NEXT §8.4) by position, year and industry: 32/12 hours for the
// principal and safety managers, 48/16 in the five high-risk groups (mapped from industry codes),
// new staff 24 / 72, high-risk staff 20 a year; ordinary staff owe no national yearly figure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TRAINING_MINIMUMS, highRiskGroupOf, requiredTrainingHours, trainingShortfall } from './training.ts';

test('industry codes map to the five high-risk groups, the longest prefix winning', () => {
  const cases: [string | null, string | null][] = [
    ['0610', 'coal'],
    ['0810', 'nonCoalMining'],
    ['1019', 'nonCoalMining'],
    ['2614', 'hazardousChemicals'],
    ['2672', 'fireworks'],
    ['2671', 'hazardousChemicals'],
    ['2511', 'hazardousChemicals'],
    ['3110', 'metalSmelting'],
    ['3216', 'metalSmelting'],
    ['3311', null], // 金属制品业 is not smelting
    ['1311', null],
    ['4710', null],
    [null, null],
  ];
  for (const [code, want] of cases) assert.equal(highRiskGroupOf(code), want, String(code));
});

test('required hours by position, year of hire and industry', () => {
  const cases: [string, string | null, string | null, number, number | null, 'initial' | 'yearly'][] = [
    ['principal', '2026-03-01', '1311', 2026, 32, 'initial'],
    ['principal', '2025-03-01', '1311', 2026, 12, 'yearly'],
    ['safetyManager', '2026-12-31', '2614', 2026, 48, 'initial'],
    ['safetyManager', '2020-01-01', '2614', 2026, 16, 'yearly'],
    ['principal', null, '0610', 2026, 16, 'yearly'],
    ['other', '2026-01-01', '1311', 2026, 24, 'initial'],
    ['specialWorker', '2026-01-01', '3110', 2026, 72, 'initial'],
    ['specialWorker', '2025-12-31', '3110', 2026, 20, 'yearly'],
    ['other', '2025-01-01', '1311', 2026, null, 'yearly'],
  ];
  for (const [position, hiredOn, industry, year, hours, kind] of cases) {
    const r = requiredTrainingHours({ position: position as 'principal', hiredOn }, industry, year);
    assert.equal(r.hours, hours, `${position} ${hiredOn} ${industry}`);
    assert.equal(r.kind, kind, `${position} ${hiredOn} ${industry}`);
  }
  const custom = { ...DEFAULT_TRAINING_MINIMUMS, managerYearly: 14 };
  assert.equal(requiredTrainingHours({ position: 'principal', hiredOn: null }, '1311', 2026, custom).hours, 14, 'settings apply');
});

test('the shortfall: hours still owed, never negative, none when nothing is owed', () => {
  assert.equal(trainingShortfall(12, 11.5), 0.5);
  assert.equal(trainingShortfall(12, 12), 0);
  assert.equal(trainingShortfall(16, 20), 0);
  assert.equal(trainingShortfall(null, 0), 0);
  assert.equal(trainingShortfall(48, 0), 48);
});
