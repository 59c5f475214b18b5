import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accidentFineRange, checkAmount, dailyPenaltyDays, lateFee, PENALTY_ARTICLES, penaltyRange, rangeText } from './penalties.ts';

test('the grid as STANDARDS-NEXT §3.4 gives it', () => {
  assert.deepEqual(penaltyRange('94', 'first'), [20_000, 50_000]);
  assert.deepEqual(penaltyRange('94', 'aggravated'), [50_000, 100_000]);
  assert.deepEqual(penaltyRange('97', 'first'), [0, 100_000]);
  assert.deepEqual(penaltyRange('97', 'person'), [20_000, 50_000]);
  assert.deepEqual(penaltyRange('98', 'personAggravated'), [50_000, 100_000]);
  assert.deepEqual(penaltyRange('99', 'aggravated'), [50_000, 200_000]);
  assert.deepEqual(penaltyRange('101', 'aggravated'), [100_000, 200_000]);
  assert.deepEqual(penaltyRange('109', 'first'), [50_000, 100_000]);
  assert.equal(penaltyRange('108', 'first'), null, 'Art. 108 orders correction first');
  assert.equal(new Set(PENALTY_ARTICLES.map((p) => p.key)).size, PENALTY_ARTICLES.length);
  for (const p of PENALTY_ARTICLES) for (const [, r] of Object.entries(p.ranges)) assert.ok(r[0] <= r[1], p.key);
});

test('an amount outside the range is refused naming the range; "≤" ranges have no floor but a fine is positive', () => {
  assert.deepEqual(checkAmount('94', 'first', 30_000), { ok: true, range: [20_000, 50_000] });
  const low = checkAmount('94', 'first', 10_000);
  assert.equal(low.ok, false);
  assert.equal(!low.ok && low.message.zh, '罚款应在 20000–50000 元之间');
  assert.equal(checkAmount('97', 'first', 1).ok, true);
  assert.equal(checkAmount('97', 'first', 0).ok, false);
  const high = checkAmount('97', 'first', 100_001);
  assert.equal(!high.ok && high.message.zh, '罚款不得超过 100000 元');
  assert.equal(checkAmount('108', 'first', 1000).ok, false);
  assert.equal(checkAmount('999', 'first', 1000).ok, false);
  assert.equal(rangeText([5, 5]).zh, '罚款应为 5 元');
});

test('illegal gains of 100,000 or more: two to five times the gains (Art. 92, 103)', () => {
  assert.deepEqual(penaltyRange('103', 'aggravated', { illegalGains: 50_000 }), [100_000, 200_000]);
  assert.deepEqual(penaltyRange('103', 'aggravated', { illegalGains: 200_000 }), [400_000, 1_000_000]);
});

test('income-based fines need the income (Art. 95 by grade, Art. 110 60–100 %)', () => {
  assert.equal(penaltyRange('95', 'person'), null);
  assert.deepEqual(penaltyRange('95', 'person', { annualIncome: 300_000, accidentGrade: 'major' }), [180_000, 180_000]);
  assert.deepEqual(penaltyRange('110', 'person', { annualIncome: 100_000 }), [60_000, 100_000]);
});

test('Art. 114 accident fines by grade, and ×2–×5 when especially serious', () => {
  assert.deepEqual(accidentFineRange('ordinary'), [300_000, 1_000_000]);
  assert.deepEqual(accidentFineRange('major'), [1_000_000, 2_000_000]);
  assert.deepEqual(accidentFineRange('serious'), [2_000_000, 10_000_000]);
  assert.deepEqual(accidentFineRange('especiallySerious'), [10_000_000, 20_000_000]);
  assert.deepEqual(accidentFineRange('ordinary', true), [600_000, 5_000_000]);
  assert.equal(checkAmount('114', 'first', 500_000, { accidentGrade: 'ordinary' }).ok, true);
  assert.equal(checkAmount('114', 'first', 500_000, { accidentGrade: 'major' }).ok, false);
});

test('late fee: 3 % a day after the due date, never more than the fine (行政处罚法 Art. 72)', () => {
  assert.deepEqual(lateFee(10_000, '2026-03-20', '2026-03-20'), { days: 0, amount: 0 });
  assert.deepEqual(lateFee(10_000, '2026-03-20', '2026-03-25'), { days: 5, amount: 1500 });
  assert.deepEqual(lateFee(10_000, '2026-03-20', '2026-05-01'), { days: 42, amount: 10_000 });
  assert.deepEqual(lateFee(333.33, '2026-03-20', '2026-03-21'), { days: 1, amount: 10 });
});

test('daily penalty days run from the day after the correction order', () => {
  assert.equal(dailyPenaltyDays('2026-03-01', '2026-03-01'), 0);
  assert.equal(dailyPenaltyDays('2026-03-01', '2026-03-04'), 3);
});
