// Reward for a substantiated report (举报奖励), by the province's rule. The national default is
// the 安全生产领域举报奖励办法 (应急〔2018〕19号): a report of a major hazard or an illegal act earns
// 15% of the administrative penalty, at least 3,000 and at most 300,000 yuan; a report of a
// concealed or falsely reported accident earns, per concealed death, 30,000 (ordinary),
// 40,000 (major), 50,000 (serious) or 60,000 yuan (especially serious), at most 300,000 yuan.
// Provinces set their own figures; the decision records every step of the computation.
import { z } from 'zod';

export const ACCIDENT_GRADES = ['ordinary', 'major', 'serious', 'especiallySerious'] as const;
export type AccidentGrade = (typeof ACCIDENT_GRADES)[number];
export const ACCIDENT_GRADE_LABELS: Record<AccidentGrade, { zh: string; en: string }> = {
  ordinary: { zh: '一般事故', en: 'ordinary accident' },
  major: { zh: '较大事故', en: 'major accident' },
  serious: { zh: '重大事故', en: 'serious accident' },
  especiallySerious: { zh: '特别重大事故', en: 'especially serious accident' },
};

export type RewardRule = {
  /** Share of the administrative penalty (0.15 = 15%). */
  penaltyShare: number;
  minimum: number;
  maximum: number;
  /** Yuan per concealed death, by the accident's final grade. */
  perConcealedDeath: Record<AccidentGrade, number>;
  concealedMaximum: number;
  /** The document the rule comes from, quoted in every decision. */
  source: string;
};

export const NATIONAL_REWARD_RULE: RewardRule = {
  penaltyShare: 0.15,
  minimum: 3000,
  maximum: 300000,
  perConcealedDeath: { ordinary: 30000, major: 40000, serious: 50000, especiallySerious: 60000 },
  concealedMaximum: 300000,
  source: '安全生产领域举报奖励办法（应急〔2018〕19号）',
};

export const rewardRuleSchema = z.strictObject({
  penaltyShare: z.number().min(0).max(1),
  minimum: z.number().min(0).max(1e8),
  maximum: z.number().min(0).max(1e8),
  perConcealedDeath: z.strictObject({
    ordinary: z.number().min(0).max(1e8),
    major: z.number().min(0).max(1e8),
    serious: z.number().min(0).max(1e8),
    especiallySerious: z.number().min(0).max(1e8),
  }),
  concealedMaximum: z.number().min(0).max(1e8),
  source: z.string().trim().min(1).max(200),
});

export type RewardFacts = {
  category: string;
  penalty?: number;
  concealedDeaths?: number;
  accidentGrade?: AccidentGrade;
  override?: number;
  note?: string;
};

export type RewardDecision = { amount: number; ruleAmount: number; steps: string[]; basis: string };

const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The amount and how it was reached, or a field error when the facts the rule needs are missing. */
export function computeReward(rule: RewardRule, f: RewardFacts): RewardDecision | { error: { field: string; zh: string; en: string } } {
  const steps: string[] = [];
  let ruleAmount: number;
  if (f.category === 'concealedAccident' && f.concealedDeaths) {
    if (!f.accidentGrade) return { error: { field: 'accidentGrade', zh: '请选择事故等级', en: 'Give the accident grade' } };
    const per = rule.perConcealedDeath[f.accidentGrade];
    const raw = per * f.concealedDeaths;
    steps.push(`${ACCIDENT_GRADE_LABELS[f.accidentGrade].zh}，查实瞒报/谎报死亡 ${f.concealedDeaths} 人 × ${yuan(per)} = ${yuan(raw)}`);
    ruleAmount = Math.min(raw, rule.concealedMaximum);
    if (ruleAmount < raw) steps.push(`超过上限，按最高 ${yuan(rule.concealedMaximum)}`);
  } else {
    const penalty = f.penalty ?? 0;
    const raw = round2(penalty * rule.penaltyShare);
    steps.push(`行政处罚金额 ${yuan(penalty)} × ${round2(rule.penaltyShare * 100)}% = ${yuan(raw)}`);
    ruleAmount = Math.min(Math.max(raw, rule.minimum), rule.maximum);
    if (raw < rule.minimum) steps.push(`低于最低奖励，按 ${yuan(rule.minimum)}`);
    if (raw > rule.maximum) steps.push(`超过上限，按最高 ${yuan(rule.maximum)}`);
  }
  let amount = ruleAmount;
  if (f.override !== undefined && f.override !== ruleAmount) {
    if (!f.note) return { error: { field: 'note', zh: '调整奖励金额须说明理由', en: 'Explain why the amount departs from the rule' } };
    amount = round2(f.override);
    steps.push(`按规则应为 ${yuan(ruleAmount)}，决定为 ${yuan(amount)}：${f.note}`);
  }
  steps.push(`奖励金额 ${yuan(amount)}`);
  return { amount, ruleAmount, steps, basis: `${rule.source}；${steps.join('；')}` };
}
