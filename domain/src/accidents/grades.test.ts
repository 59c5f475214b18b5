// Grading against 493 Art. 3 (STANDARDS-NEXT §1.1): the grade is the highest reached by any of the
// three dimensions, each band's lower bound inclusive; missing persons do not grade. Report level
// (Art. 10), investigating level (Art. 19) and the unit's fine (安全生产法 Art. 114 ¶1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import { gradeOfFigures } from './followups.ts';
import {
  accidentGradeAnswer,
  accidentGradeInputSchema,
  compareGrades,
  GRADE_THRESHOLDS,
  type GradingDimension,
  gradeAccident,
  gradeOfDimension,
  INVESTIGATED_BY,
  REPORT_UP_TO,
} from './grades.ts';

const figures = (over: Partial<{ deaths: number; seriousInjuries: number; directLossWanYuan: number }>) => ({
  deaths: 0,
  seriousInjuries: 0,
  directLossWanYuan: 0,
  ...over,
});

/** Every boundary of every dimension: the value just below a band and the band's lower bound. */
const BOUNDARIES: [GradingDimension, 'deaths' | 'seriousInjuries' | 'directLossWanYuan', number, AccidentGrade][] = [
  ['deaths', 'deaths', 0, 'ordinary'],
  ['deaths', 'deaths', 2, 'ordinary'],
  ['deaths', 'deaths', 3, 'major'],
  ['deaths', 'deaths', 9, 'major'],
  ['deaths', 'deaths', 10, 'serious'],
  ['deaths', 'deaths', 29, 'serious'],
  ['deaths', 'deaths', 30, 'especiallySerious'],
  ['deaths', 'deaths', 300, 'especiallySerious'],
  ['seriousInjuries', 'seriousInjuries', 9, 'ordinary'],
  ['seriousInjuries', 'seriousInjuries', 10, 'major'],
  ['seriousInjuries', 'seriousInjuries', 49, 'major'],
  ['seriousInjuries', 'seriousInjuries', 50, 'serious'],
  ['seriousInjuries', 'seriousInjuries', 99, 'serious'],
  ['seriousInjuries', 'seriousInjuries', 100, 'especiallySerious'],
  ['directLoss', 'directLossWanYuan', 999.99, 'ordinary'],
  ['directLoss', 'directLossWanYuan', 1000, 'major'],
  ['directLoss', 'directLossWanYuan', 4999.99, 'major'],
  ['directLoss', 'directLossWanYuan', 5000, 'serious'],
  ['directLoss', 'directLossWanYuan', 9999.99, 'serious'],
  ['directLoss', 'directLossWanYuan', 10000, 'especiallySerious'],
];

test('every boundary of every dimension, lower bound inclusive (Art. 3)', () => {
  for (const [dimension, field, value, grade] of BOUNDARIES) {
    assert.equal(gradeOfDimension(dimension, value), grade, `${dimension} ${value}`);
    const r = gradeAccident(figures({ [field]: value }));
    assert.equal(r.grade, grade, `${dimension} ${value} alone`);
    // Alone above ordinary, the dimension is the one that decides.
    if (grade !== 'ordinary') assert.deepEqual(r.gradeBy, [dimension], `${dimension} ${value} decides`);
  }
});

test('the thresholds are the law’s: 3/10/30 deaths, 10/50/100 serious injuries, 1000/5000/10000 万元', () => {
  assert.deepEqual(GRADE_THRESHOLDS, { deaths: [3, 10, 30], seriousInjuries: [10, 50, 100], directLoss: [1000, 5000, 10000] });
});

test('mixed: the highest dimension decides, a lower one decides nothing', () => {
  const cases: [Parameters<typeof figures>[0], AccidentGrade, GradingDimension[]][] = [
    [{ deaths: 3, seriousInjuries: 50 }, 'serious', ['seriousInjuries']],
    [{ deaths: 2, seriousInjuries: 9, directLossWanYuan: 1000 }, 'major', ['directLoss']],
    [{ deaths: 9, seriousInjuries: 49, directLossWanYuan: 10000 }, 'especiallySerious', ['directLoss']],
    [{ deaths: 30, seriousInjuries: 99, directLossWanYuan: 9999.99 }, 'especiallySerious', ['deaths']],
    [{ deaths: 10, seriousInjuries: 10, directLossWanYuan: 5000 }, 'serious', ['deaths', 'directLoss']],
    [{ deaths: 3, seriousInjuries: 10, directLossWanYuan: 1000 }, 'major', ['deaths', 'seriousInjuries', 'directLoss']],
    [{ deaths: 1, seriousInjuries: 2, directLossWanYuan: 50 }, 'ordinary', ['deaths', 'seriousInjuries', 'directLoss']],
    [{}, 'ordinary', ['deaths', 'seriousInjuries', 'directLoss']],
  ];
  for (const [f, grade, by] of cases) {
    const r = gradeAccident(figures(f));
    assert.equal(r.grade, grade, JSON.stringify(f));
    assert.deepEqual(r.gradeBy, by, JSON.stringify(f));
  }
});

test('missing persons never grade (Art. 12 reports them; Art. 3 does not count them)', () => {
  for (const missing of [0, 3, 10, 30, 1000]) {
    const r = gradeOfFigures({ deaths: 2, seriousInjuries: 9, minorInjuries: 500, missing, directLossWanYuan: 999.99 });
    assert.equal(r.grade, 'ordinary', `missing ${missing}`);
  }
  // Unknown figures count as zero until reported.
  assert.equal(
    gradeOfFigures({ deaths: null, seriousInjuries: null, minorInjuries: null, missing: 40, directLossWanYuan: null }).grade,
    'ordinary',
  );
  assert.equal(
    gradeOfFigures({ deaths: 3, seriousInjuries: null, minorInjuries: null, missing: null, directLossWanYuan: null }).grade,
    'major',
  );
  // The calculator's input has no missing field at all.
  assert.equal(accidentGradeInputSchema.safeParse({ ...figures({}), missing: 40 }).success, false);
});

test('report up to (Art. 10) and investigated by (Art. 19)', () => {
  assert.deepEqual(REPORT_UP_TO, { ordinary: 'city', major: 'province', serious: 'national', especiallySerious: 'national' });
  assert.deepEqual(INVESTIGATED_BY, { ordinary: 'county', major: 'city', serious: 'province', especiallySerious: 'national' });
  assert.ok(compareGrades('major', 'ordinary') > 0);
  assert.ok(compareGrades('serious', 'especiallySerious') < 0);
  assert.equal(compareGrades('serious', 'serious'), 0);
});

test('the calculator’s answer: grade, deciding dimensions, levels and Art. 114 fine in 万元', () => {
  const cases: [Parameters<typeof figures>[0], AccidentGrade, string, string, [number, number]][] = [
    [{ deaths: 2 }, 'ordinary', 'city', 'county', [30, 100]],
    [{ deaths: 3 }, 'major', 'province', 'city', [100, 200]],
    [{ seriousInjuries: 50 }, 'serious', 'national', 'province', [200, 1000]],
    [{ directLossWanYuan: 10000 }, 'especiallySerious', 'national', 'national', [1000, 2000]],
  ];
  for (const [f, grade, up, by, fine] of cases) {
    const a = accidentGradeAnswer(figures(f));
    assert.equal(a.grade, grade);
    assert.equal(a.reportUpTo, up);
    assert.equal(a.investigatedBy, by);
    assert.deepEqual(a.fineRangeWanYuan, fine);
  }
  assert.deepEqual(accidentGradeAnswer(figures({ deaths: 10, directLossWanYuan: 5000 })).gradeBy, ['deaths', 'directLoss']);
});

test('the calculator’s input: non-negative numbers, whole counts, messages in Chinese and English', () => {
  const issues = (input: unknown) => {
    const r = accidentGradeInputSchema.safeParse(input);
    assert.equal(r.success, false, JSON.stringify(input));
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };
  const one = (input: unknown, path: string, zh: string) => {
    const found = issues(input);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]?.path, path);
    const [z, en] = (found[0]?.message ?? '').split('||');
    assert.ok(z?.includes(zh), `${found[0]?.message} has ${zh}`);
    assert.ok(en && /[a-z]/.test(en), `${found[0]?.message} has English`);
  };
  one(figures({ deaths: -1 }), 'deaths', '不能为负数');
  one(figures({ seriousInjuries: -1 }), 'seriousInjuries', '不能为负数');
  one(figures({ directLossWanYuan: -0.01 }), 'directLossWanYuan', '不能为负数');
  one(figures({ deaths: 2.5 }), 'deaths', '须为整数');
  one(figures({ seriousInjuries: 0.5 }), 'seriousInjuries', '须为整数');
  one({ ...figures({}), deaths: '3' }, 'deaths', '须为数字');
  one({ ...figures({}), seriousInjuries: '10' }, 'seriousInjuries', '须为数字');
  one({ ...figures({}), directLossWanYuan: '1000' }, 'directLossWanYuan', '须为数字');
  one({ ...figures({}), deaths: Number.NaN }, 'deaths', '须为数字');
  one({ ...figures({}), directLossWanYuan: Number.POSITIVE_INFINITY }, 'directLossWanYuan', '须为数字');
  assert.ok(
    issues({ seriousInjuries: 0, directLossWanYuan: 0 }).some((i) => i.path === 'deaths'),
    'deaths required',
  );
  // A fractional loss is fine: the boundary 999.99 万元 is a legal input.
  assert.deepEqual(accidentGradeInputSchema.parse(figures({ directLossWanYuan: 999.99 })), figures({ directLossWanYuan: 999.99 }));
});
