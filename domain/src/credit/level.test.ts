// The credit level rule (credit/level.ts) at its exact thresholds: 100 − points off + bonuses;
// A ≥ 90, B ≥ 75, C ≥ 60, D below; a serious accident or a listing makes D whatever the score.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CreditFacts,
  type CreditLevel,
  creditLevel,
  creditRuleProblem,
  DEFAULT_CREDIT_RULE,
  EMPTY_FACTS,
  levelFell,
} from './level.ts';

const f = (over: Partial<CreditFacts>): CreditFacts => ({ ...EMPTY_FACTS, ...over });

const TABLE: [string, Partial<CreditFacts>, number, CreditLevel][] = [
  ['nothing on file', {}, 100, 'A'],
  ['two penalties: 90, still A (A from 90)', { penalties: 2 }, 90, 'A'],
  ['two penalties and an overdue fix: 87, B', { penalties: 2, overdueFixes: 1 }, 87, 'B'],
  ['five penalties: 75, B (B from 75)', { penalties: 5 }, 75, 'B'],
  ['five penalties and an overdue fix: 72, C', { penalties: 5, overdueFixes: 1 }, 72, 'C'],
  ['eight penalties: 60, C (C from 60)', { penalties: 8 }, 60, 'C'],
  ['eight penalties and an overdue fix: 57, D', { penalties: 8, overdueFixes: 1 }, 57, 'D'],
  ['an ordinary accident: 90, A', { accidentsOrdinary: 1 }, 90, 'A'],
  ['a major (较大) accident: 70, C', { accidentsMajor: 1 }, 70, 'C'],
  ['a serious (重大) accident: D whatever the score', { accidentsSerious: 1 }, 100, 'D'],
  ['listed on the blacklist: D whatever the score', { blacklisted: true, standardization: 'level1' }, 110, 'D'],
  ['a listed hazard and two overdue fixes: 86, B', { listedHazards: 1, overdueFixes: 2 }, 86, 'B'],
  ['a broken commitment: 85, B', { brokenCommitments: 1 }, 85, 'B'],
  ['this year unsigned: 95, A', { commitmentUnsigned: true }, 95, 'A'],
  ['unsigned plus a broken commitment: 80, B', { commitmentUnsigned: true, brokenCommitments: 1 }, 80, 'B'],
  ['a false report (intermediary): 70, C', { falseReports: 1 }, 70, 'C'],
  ['standardisation level 1 lifts 3 penalties (85) to 95, A', { penalties: 3, standardization: 'level1' }, 95, 'A'],
  ['level 2 lifts 85 to 90, A', { penalties: 3, standardization: 'level2' }, 90, 'A'],
  ['level 3 lifts 85 to 87, B', { penalties: 3, standardization: 'level3' }, 87, 'B'],
  ['clean years count at most 3: 72 + 9 = 81, B', { penalties: 5, overdueFixes: 1, cleanYears: 5 }, 81, 'B'],
  ['two clean years: 72 + 6 = 78, B', { penalties: 5, overdueFixes: 1, cleanYears: 2 }, 78, 'B'],
];

for (const [name, facts, score, level] of TABLE)
  test(`credit level: ${name}`, () => {
    const r = creditLevel(f(facts));
    assert.equal(r.score, score);
    assert.equal(r.level, level);
    assert.equal(
      r.reasons.reduce((s, x) => s + x.points, 100),
      score,
      'the reasons add up to the score',
    );
  });

test('credit level: settings move the thresholds and weights', () => {
  const rule = { ...DEFAULT_CREDIT_RULE, penalty: 10, levelA: 95 };
  assert.deepEqual([creditLevel(f({ penalties: 1 }), rule).score, creditLevel(f({ penalties: 1 }), rule).level], [90, 'B']);
  assert.equal(creditLevel(f({ penalties: 1 }), { ...rule, levelA: 90 }).level, 'A');
});

test('credit level: thresholds that do not fall are refused, and the defaults apply', () => {
  const bad = { ...DEFAULT_CREDIT_RULE, levelB: 95 };
  assert.ok(creditRuleProblem(bad));
  assert.equal(creditRuleProblem(DEFAULT_CREDIT_RULE), null);
  assert.equal(creditLevel(f({ penalties: 2, overdueFixes: 1 }), bad).level, 'B');
});

test('credit level: a weight of 0 adds no reason', () => {
  const r = creditLevel(f({ penalties: 3 }), { ...DEFAULT_CREDIT_RULE, penalty: 0 });
  assert.equal(r.reasons.length, 0);
  assert.equal(r.score, 100);
});

test('credit level: a fall is a move towards D', () => {
  assert.equal(levelFell('B', 'C'), true);
  assert.equal(levelFell('D', 'C'), false);
  assert.equal(levelFell(null, 'D'), false);
  assert.equal(levelFell('A', 'A'), false);
});
