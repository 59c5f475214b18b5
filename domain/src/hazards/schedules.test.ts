import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueOccurrence, occurrence, resumeIndex } from './schedules.ts';

test('occurrences: days, weeks, and months that keep the start day clamped to short months', () => {
  assert.equal(occurrence('2026-11-23', 'daily', 0), '2026-11-23');
  assert.equal(occurrence('2026-11-23', 'daily', 9), '2026-12-02');
  assert.equal(occurrence('2026-12-28', 'weekly', 1), '2027-01-04');
  assert.deepEqual(
    [0, 1, 2, 3, 12, 13].map((n) => occurrence('2027-01-31', 'monthly', n)),
    ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2028-01-31', '2028-02-29'],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((n) => occurrence('2026-11-30', 'quarterly', n)),
    ['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30', '2027-11-30'],
  );
});

test('due occurrence: nothing before the start; the latest missed one only; next index after today', () => {
  assert.deepEqual(dueOccurrence('2026-12-01', 'weekly', 0, '2026-11-30'), { plan: null, nextIndex: 0 });
  assert.deepEqual(dueOccurrence('2026-12-01', 'weekly', 0, '2026-12-01'), { plan: '2026-12-01', nextIndex: 1 });
  // Run again the same day: nothing more is owed.
  assert.deepEqual(dueOccurrence('2026-12-01', 'weekly', 1, '2026-12-01'), { plan: null, nextIndex: 1 });
  // Three weeks idle: one inspection, for the latest due week.
  assert.deepEqual(dueOccurrence('2026-12-01', 'weekly', 1, '2026-12-23'), { plan: '2026-12-22', nextIndex: 4 });
  assert.deepEqual(dueOccurrence('2027-01-31', 'monthly', 1, '2027-03-30'), { plan: '2027-02-28', nextIndex: 2 });
});

test('resuming skips the paused period', () => {
  assert.equal(resumeIndex('2026-12-01', 'weekly', 1, '2027-01-05'), 5); // 2027-01-05 itself
  assert.equal(occurrence('2026-12-01', 'weekly', 5), '2027-01-05');
  assert.equal(resumeIndex('2026-12-01', 'weekly', 1, '2027-01-06'), 6);
  assert.equal(resumeIndex('2026-12-01', 'weekly', 3, '2026-11-01'), 3); // never goes back
});
