import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeReward, NATIONAL_REWARD_RULE as R } from './rewards.ts';

const amount = (f: Parameters<typeof computeReward>[1]) => {
  const d = computeReward(R, f);
  return 'error' in d ? d.error.field : d.amount;
};

test('national rule: 15% of the penalty, at least 3,000 and at most 300,000 yuan', () => {
  assert.equal(amount({ category: 'hazard', penalty: 100000 }), 15000);
  assert.equal(amount({ category: 'hazard', penalty: 10000 }), 3000, '1,500 is raised to the minimum');
  assert.equal(amount({ category: 'hazard' }), 3000, 'no penalty: the minimum');
  assert.equal(amount({ category: 'illegalProduction', penalty: 3000000 }), 300000, '450,000 is capped');
  assert.equal(amount({ category: 'hazard', penalty: 20000 }), 3000);
  assert.equal(amount({ category: 'hazard', penalty: 20001 }), 3000.15);
});

test('concealed accidents: per concealed death by the final grade, at most 300,000 yuan', () => {
  assert.equal(amount({ category: 'concealedAccident', concealedDeaths: 2, accidentGrade: 'ordinary' }), 60000);
  assert.equal(amount({ category: 'concealedAccident', concealedDeaths: 3, accidentGrade: 'major' }), 120000);
  assert.equal(amount({ category: 'concealedAccident', concealedDeaths: 4, accidentGrade: 'serious' }), 200000);
  assert.equal(amount({ category: 'concealedAccident', concealedDeaths: 10, accidentGrade: 'especiallySerious' }), 300000);
  assert.equal(amount({ category: 'concealedAccident', concealedDeaths: 1 }), 'accidentGrade');
  assert.equal(amount({ category: 'concealedAccident', penalty: 50000 }), 7500, 'no deaths found: the penalty rule');
});

test('the decision shows its computation; departing from the rule needs a reason', () => {
  const d = computeReward(R, { category: 'hazard', penalty: 2500000 });
  assert.ok(!('error' in d));
  assert.deepEqual(d.steps, ['行政处罚金额 2,500,000 元 × 15% = 375,000 元', '超过上限，按最高 300,000 元', '奖励金额 300,000 元']);
  assert.match(d.basis, /^安全生产领域举报奖励办法（应急〔2018〕19号）；/);
  assert.equal(amount({ category: 'hazard', penalty: 100000, override: 20000 }), 'note');
  const o = computeReward(R, { category: 'hazard', penalty: 100000, override: 20000, note: '举报人提供关键证据' });
  assert.ok(!('error' in o) && o.amount === 20000 && o.ruleAmount === 15000);
});
