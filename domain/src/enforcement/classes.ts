// Enterprise supervision classes (分类分级, issue 24 item 1): each enterprise gets a class A–D in
// its jurisdiction from its own data, so that the annual plan (安全生产法 Art. 62 ¶2: 按照分类分级
// 监督管理要求制定年度监督检查计划) can set how often it is inspected.
//
// Direction, as in the Shanxi example (STANDARDS-NEXT §2.3, where class A is the best-protected
// mine and a higher 标准化 grade means fewer inspections): **A = lowest risk, least supervision;
// D = highest risk, most inspections.** There is no national A–D scheme; the points below are this
// platform's provisional scoring and the class thresholds are province settings
// (enforcement.classPointsB/C/D), so a province sets its own cut-offs.
//
// Points (each is a reason the page shows):
//   high-risk field (矿山、危化品、金属冶炼… HIGH_RISK_FLAGS)            +2
//   安全生产标准化: 一级 −1, 二级 0, 三级 +1, none or expired (未定级)     +2 / 0 / … as listed
//   major hazard installation (GB 18218), highest grade: 一级 +4, 二级 +3, 三级 +2, 四级 +1
//   three or more installations                                          +1
//   open 重大事故隐患 (hazards.level 'major', not closed)                  +3
//   accidents in the last 12 months (input from the accident module)     +3 each, at most +6
//   serious untrustworthiness / blacklist (信用 module, later)            class D whatever the points
// Accidents and credit are not in the platform yet: their inputs are optional and undefined today;
// when those capabilities land they fill them and the classes are recomputed.
import { z } from 'zod';
import { type Actor, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { isEnforcer } from './policy.ts';

export const SUPERVISION_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type SupervisionClass = (typeof SUPERVISION_CLASSES)[number];

export const SUPERVISION_CLASS_LABELS: Record<SupervisionClass, { zh: string; en: string }> = {
  A: { zh: 'A 类（风险低，监管频次最低）', en: 'A (low risk, fewest inspections)' },
  B: { zh: 'B 类（风险一般）', en: 'B (ordinary risk)' },
  C: { zh: 'C 类（风险较高）', en: 'C (higher risk)' },
  D: { zh: 'D 类（风险高，监管频次最高）', en: 'D (high risk, most inspections)' },
};

export const STANDARDIZATION_GRADES = ['level1', 'level2', 'level3'] as const;
export type StandardizationGrade = (typeof STANDARDIZATION_GRADES)[number];
export const STANDARDIZATION_GRADE_LABELS: Record<StandardizationGrade, { zh: string; en: string }> = {
  level1: { zh: '一级', en: 'Level 1' },
  level2: { zh: '二级', en: 'Level 2' },
  level3: { zh: '三级', en: 'Level 3' },
};

export type ClassInput = {
  /** The enterprise is in a high-risk field (a HIGH_RISK_FLAGS flag is set). */
  highRisk: boolean;
  /** 安全生产标准化 grade; null: not graded. */
  standardizationGrade: StandardizationGrade | null;
  /** Until when the grade is valid (YYYY-MM-DD); a grade past this date counts as ungraded. */
  standardizationValidUntil: string | null;
  /** The date the class is computed on (YYYY-MM-DD). */
  today: string;
  /** GB 18218 major hazard installations that are major hazards, with their grade 1 (一级, highest) … 4. */
  installations: { grade: 1 | 2 | 3 | 4 | null }[];
  /** Open 重大事故隐患 (not closed or cancelled). */
  openMajorHazards: number;
  /** Production safety accidents in the last 12 months (the accident module, later): undefined now. */
  accidentsLast12Months?: number | undefined;
  /** On the serious untrustworthiness list (严重失信, the credit module, later): undefined now. */
  blacklisted?: boolean | undefined;
};

/** Points from which an enterprise is class B, C, D (below B: A); a province setting each. */
export type ClassThresholds = { B: number; C: number; D: number };

export const DEFAULT_CLASS_THRESHOLDS: ClassThresholds = { B: 2, C: 4, D: 6 };

export const classReasonSchema = z.object({ code: z.string(), zh: z.string(), en: z.string(), points: z.number() });
export type ClassReason = z.infer<typeof classReasonSchema>;

export type ClassResult = { class: SupervisionClass; points: number; reasons: ClassReason[] };

const GRADE_ZH = ['', '一', '二', '三', '四'] as const;

/** The grade in force: null when there is none or it expired before `today`. */
export function standardizationInForce(i: Pick<ClassInput, 'standardizationGrade' | 'standardizationValidUntil' | 'today'>) {
  if (!i.standardizationGrade) return null;
  if (!i.standardizationValidUntil || i.standardizationValidUntil < i.today) return null;
  return i.standardizationGrade;
}

/** The class of one enterprise, with every reason that counted (in the order of the rules above). */
export function classify(input: ClassInput, thresholds: ClassThresholds = DEFAULT_CLASS_THRESHOLDS): ClassResult {
  const reasons: ClassReason[] = [];
  const add = (code: string, zh: string, en: string, points: number) => reasons.push({ code, zh, en, points });

  if (input.highRisk) add('highRisk', '高危行业领域 +2', 'High-risk field +2', 2);

  const grade = standardizationInForce(input);
  if (grade === 'level1') add('standardization', '安全生产标准化一级 −1', 'Standardisation level 1 −1', -1);
  else if (grade === 'level2') add('standardization', '安全生产标准化二级 0', 'Standardisation level 2 0', 0);
  else if (grade === 'level3') add('standardization', '安全生产标准化三级 +1', 'Standardisation level 3 +1', 1);
  else if (input.standardizationGrade)
    add('standardizationExpired', '安全生产标准化等级已过期，按未定级 +2', 'Standardisation grade expired, counted as ungraded +2', 2);
  else add('standardizationNone', '未取得安全生产标准化等级 +2', 'No standardisation grade +2', 2);

  const graded = input.installations.map((x) => x.grade).filter((g): g is 1 | 2 | 3 | 4 => g !== null);
  if (graded.length) {
    const top = Math.min(...graded);
    const pts = 5 - top;
    add('majorHazardGrade', `${GRADE_ZH[top]}级重大危险源 +${pts}`, `Grade ${top} major hazard installation +${pts}`, pts);
  }
  if (input.installations.length >= 3)
    add(
      'majorHazardCount',
      `重大危险源 ${input.installations.length} 处（≥3）+1`,
      `${input.installations.length} major hazard installations (≥ 3) +1`,
      1,
    );
  if (input.openMajorHazards > 0)
    add('openMajorHazards', `未销号重大事故隐患 ${input.openMajorHazards} 项 +3`, `${input.openMajorHazards} open major hazards +3`, 3);
  if (input.accidentsLast12Months !== undefined && input.accidentsLast12Months > 0) {
    const pts = Math.min(6, 3 * input.accidentsLast12Months);
    add(
      'accidents',
      `近 12 个月发生事故 ${input.accidentsLast12Months} 起 +${pts}`,
      `${input.accidentsLast12Months} accidents in 12 months +${pts}`,
      pts,
    );
  }

  const points = reasons.reduce((s, r) => s + r.points, 0);
  let cls: SupervisionClass = points >= thresholds.D ? 'D' : points >= thresholds.C ? 'C' : points >= thresholds.B ? 'B' : 'A';
  if (input.blacklisted) {
    add('blacklisted', '列入严重失信名单，直接列为 D 类', 'On the serious untrustworthiness list: class D', 0);
    cls = 'D';
  }
  return { class: cls, points, reasons };
}

/** Thresholds must rise: B < C < D. */
export function thresholdsProblem(t: ClassThresholds): { zh: string; en: string } | null {
  if (t.B < t.C && t.C < t.D) return null;
  return { zh: '分类分级分值阈值应满足 B < C < D', en: 'Class thresholds must rise: B < C < D' };
}

// ---- records and requests -------------------------------------------------------------------

export const CLASS_ACTIONS = ['override', 'clearOverride', 'recompute'] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];

export const enterpriseClassSchema = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  industryCode: z.string(),
  class: z.enum(SUPERVISION_CLASSES),
  computedClass: z.enum(SUPERVISION_CLASSES),
  reasons: z.array(classReasonSchema),
  overrideClass: z.enum(SUPERVISION_CLASSES).nullable(),
  overrideReason: z.string().nullable(),
  overriddenByName: z.string().nullable(),
  overriddenAt: z.string().nullable(),
  computedAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(CLASS_ACTIONS)),
});
export type EnterpriseClass = z.infer<typeof enterpriseClassSchema>;

export const classListQuerySchema = z.object({
  class: z.enum(SUPERVISION_CLASSES).optional(),
  q: z.string().trim().max(100).optional(),
  overridden: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const classOverrideSchema = z.strictObject({
  class: z.enum(SUPERVISION_CLASSES, { message: bi('请选择 A、B、C 或 D', 'Choose A, B, C or D') }),
  reason: z
    .string({ message: bi('请填写调整理由', 'A reason is required') })
    .trim()
    .min(4, bi('调整理由至少 4 个字', 'Give a reason of at least 4 characters'))
    .max(500, bi('调整理由最多 500 个字', 'At most 500 characters')),
  version: z.number().int().min(1).optional(),
});

export const classRecomputeSchema = z.strictObject({
  /** One enterprise; without it, every enterprise of the caller's jurisdiction. */
  enterpriseId: z.uuid().optional(),
});

/**
 * Who may set or clear a class by hand, or recompute: the enforcing organ (county and above, a
 * department for its industries), within its scope. Everyone else reads.
 */
export function classActions(actor: Actor, c: { overrideClass: SupervisionClass | null }): ClassAction[] {
  if (!isEnforcer(actor)) return [];
  return c.overrideClass ? ['override', 'clearOverride', 'recompute'] : ['override', 'recompute'];
}

/** May read classes and plans: the enforcing organ and the platform admin (not enterprises, not townships). */
export const mayViewPlans = (actor: Actor) => isAdmin(actor) || isEnforcer(actor);
