// The grade of a production-safety accident (生产安全事故报告和调查处理条例, 国务院令第493号, Art. 3)
// and what follows from it: how far up the report goes (Art. 10), who investigates (Art. 19) and
// the fine on the responsible unit (安全生产法 2021 Art. 114, which supersedes 493's Art. 37).
// The grade is the highest reached by any of the three dimensions — deaths, serious injuries
// (急性工业中毒 included) and direct economic loss —, each band's lower bound inclusive. Missing
// persons (下落不明) are reported (Art. 12) but are not a grading input in the text.
import { z } from 'zod';
import { accidentFineRange } from '../enforcement/penalties.ts';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_GRADES, type AccidentGrade } from '../whistleblowing/rewards.ts';

export const GRADING_DIMENSIONS = ['deaths', 'seriousInjuries', 'directLoss'] as const;
export type GradingDimension = (typeof GRADING_DIMENSIONS)[number];
export const GRADING_DIMENSION_LABELS: Record<GradingDimension, { zh: string; en: string }> = {
  deaths: { zh: '死亡人数', en: 'deaths' },
  seriousInjuries: { zh: '重伤人数（含急性工业中毒）', en: 'serious injuries (incl. acute poisoning)' },
  directLoss: { zh: '直接经济损失', en: 'direct economic loss' },
};

/** The lower bound of major, serious and especially serious, per dimension (Art. 3). Loss in 万元. */
export const GRADE_THRESHOLDS: Record<GradingDimension, readonly [major: number, serious: number, especiallySerious: number]> = {
  deaths: [3, 10, 30],
  seriousInjuries: [10, 50, 100],
  directLoss: [1000, 5000, 10000],
};

export type GradingFigures = { deaths: number; seriousInjuries: number; directLossWanYuan: number };

const rank = (g: AccidentGrade) => ACCIDENT_GRADES.indexOf(g);

/** The grade one dimension reaches. */
export function gradeOfDimension(dimension: GradingDimension, value: number): AccidentGrade {
  const [major, serious, especially] = GRADE_THRESHOLDS[dimension];
  if (value >= especially) return 'especiallySerious';
  if (value >= serious) return 'serious';
  if (value >= major) return 'major';
  return 'ordinary';
}

/** The grade, and the dimensions that reach it (for an ordinary accident, all three). */
export function gradeAccident(f: GradingFigures): { grade: AccidentGrade; gradeBy: GradingDimension[] } {
  const by: Record<GradingDimension, AccidentGrade> = {
    deaths: gradeOfDimension('deaths', f.deaths),
    seriousInjuries: gradeOfDimension('seriousInjuries', f.seriousInjuries),
    directLoss: gradeOfDimension('directLoss', f.directLossWanYuan),
  };
  const grade = GRADING_DIMENSIONS.map((d) => by[d]).reduce((a, b) => (rank(b) > rank(a) ? b : a), 'ordinary' as AccidentGrade);
  return { grade, gradeBy: GRADING_DIMENSIONS.filter((d) => by[d] === grade) };
}

export const compareGrades = (a: AccidentGrade, b: AccidentGrade) => rank(a) - rank(b);

/** The administrative levels an accident's report passes through, lowest first. */
export const CHAIN_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type ChainLevel = (typeof CHAIN_LEVELS)[number];
export const CHAIN_LEVEL_LABELS: Record<ChainLevel | 'enterprise', { zh: string; en: string }> = {
  enterprise: { zh: '事故单位', en: 'the unit' },
  county: { zh: '县级', en: 'county' },
  city: { zh: '设区的市级', en: 'city' },
  province: { zh: '省级', en: 'province' },
  national: { zh: '国务院应急管理部门', en: 'national' },
};

/** Art. 10: 一般 → the city, 较大 → the province, 重大 and 特别重大 → the State Council's department. */
export const REPORT_UP_TO: Record<AccidentGrade, Exclude<ChainLevel, 'county'>> = {
  ordinary: 'city',
  major: 'province',
  serious: 'national',
  especiallySerious: 'national',
};

/** Art. 19: the government of the level that investigates. */
export const INVESTIGATED_BY: Record<AccidentGrade, ChainLevel> = {
  ordinary: 'county',
  major: 'city',
  serious: 'province',
  especiallySerious: 'national',
};

/** A loss in 万元 is kept to the yuan's hundred (two decimals): what is graded is what is stored (numeric(14,2)). */
export const toCent = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

const count = (field: string, zh: string) =>
  z
    .number(bi(`${zh}须为数字`, `${field} must be a number`))
    .int(bi(`${zh}须为整数`, `${field} must be a whole number`))
    .min(0, bi(`${zh}不能为负数`, `${field} cannot be negative`))
    .max(100_000, bi(`${zh}过大`, `${field} is too large`));

export const accidentGradeInputSchema = z.strictObject({
  deaths: count('deaths', '死亡人数'),
  seriousInjuries: count('seriousInjuries', '重伤人数'),
  directLossWanYuan: z
    .number(bi('直接经济损失须为数字（万元）', 'directLossWanYuan must be a number (10,000 yuan)'))
    .min(0, bi('直接经济损失不能为负数', 'directLossWanYuan cannot be negative'))
    .max(1e9, bi('直接经济损失过大', 'directLossWanYuan is too large'))
    .refine(toCent, bi('直接经济损失最多保留两位小数（万元）', 'directLossWanYuan has at most 2 decimals')),
});

export type AccidentGradeAnswer = {
  grade: AccidentGrade;
  gradeBy: GradingDimension[];
  reportUpTo: Exclude<ChainLevel, 'county'>;
  investigatedBy: ChainLevel;
  /** 安全生产法 Art. 114 ¶1, the responsible unit, in 万元. */
  fineRangeWanYuan: [number, number];
};

/** The public calculator's answer. */
export function accidentGradeAnswer(f: GradingFigures): AccidentGradeAnswer {
  const { grade, gradeBy } = gradeAccident(f);
  const [lo, hi] = accidentFineRange(grade);
  return {
    grade,
    gradeBy,
    reportUpTo: REPORT_UP_TO[grade],
    investigatedBy: INVESTIGATED_BY[grade],
    fineRangeWanYuan: [lo / 10_000, hi / 10_000],
  };
}
