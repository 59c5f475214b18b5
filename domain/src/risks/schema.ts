// Request shapes for the risk calculators and risk points. The schema is the type.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_TYPE_CODES } from './accident-types.ts';
import { identify } from './gb18218.ts';
import { CATEGORIES, type Category } from './gb18218-tables.ts';
import { LEC_ALLOWED } from './lec.ts';
import { RISK_LEVELS } from './levels.ts';

const oneOf = (allowed: readonly number[], what: string) =>
  z
    .number()
    .refine((v) => allowed.includes(v), bi(`${what} 只能取：${allowed.join('、')}`, `${what} must be one of ${allowed.join(', ')}`));

export const lecInputSchema = z.strictObject({
  L: oneOf(LEC_ALLOWED.L, 'L'),
  E: oneOf(LEC_ALLOWED.E, 'E'),
  C: oneOf(LEC_ALLOWED.C, 'C'),
});

const oneToFive = (what: string) =>
  z
    .number()
    .int(bi(`${what} 应为 1–5 的整数`, `${what} is an integer 1–5`))
    .min(1, bi(`${what} 应为 1–5 的整数`, `${what} is an integer 1–5`))
    .max(5, bi(`${what} 应为 1–5 的整数`, `${what} is an integer 1–5`));
export const lsInputSchema = z.strictObject({ L: oneToFive('L'), S: oneToFive('S') });

const categorySchema = z.enum(CATEGORIES as [Category, ...Category[]]);

export const substanceSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    cas: z
      .string()
      .trim()
      .regex(/^\d{2,7}-\d{2}-\d$/, bi('CAS 号格式应为 nnnnnnn-nn-n', 'CAS number looks like nnnnnnn-nn-n'))
      .optional(),
    category: z.union([categorySchema, z.array(categorySchema).min(1).max(5)]).optional(),
    quantityTonnes: z
      .number(bi('数量应为数字（吨）', 'Quantity is a number of tonnes'))
      .min(0, bi('数量不能为负', 'Quantity cannot be negative'))
      .max(1e9),
  })
  .superRefine((s, ctx) => {
    const r = identify(s);
    if ('zh' in r) ctx.addIssue({ code: 'custom', message: bi(r.zh, r.en), path: ['name'] });
  });

export const gb18218InputSchema = z.strictObject({
  substances: z.array(substanceSchema).min(1, bi('至少一种物质', 'At least one substance')).max(200),
  peopleWithin500m: z
    .number()
    .int(bi('人数应为整数', 'People is an integer'))
    .min(0, bi('人数不能为负', 'People cannot be negative'))
    .max(10_000_000),
});
export type Gb18218Input = z.infer<typeof gb18218InputSchema>;

export const thresholdsSchema = z
  .strictObject({ major: z.number().positive(), high: z.number().positive(), moderate: z.number().positive() })
  .refine(
    (t) => t.major > t.high && t.high > t.moderate,
    bi('阈值须满足 重大 > 较大 > 一般 > 0', 'Thresholds must satisfy major > high > moderate > 0'),
  );

export const provinceThresholdsSchema = z.strictObject({ lec: thresholdsSchema, ls: thresholdsSchema });
export type ProvinceThresholds = z.infer<typeof provinceThresholdsSchema>;
export const thresholdsResponseSchema = z.object({
  province: z.string(),
  custom: z.boolean(),
  lec: z.object({ major: z.number(), high: z.number(), moderate: z.number() }),
  ls: z.object({ major: z.number(), high: z.number(), moderate: z.number() }),
});

export const CONTROL_MEASURE_TYPES = ['engineering', 'management', 'training', 'ppe', 'emergency'] as const;
export const CONTROL_TIERS = ['company', 'workshop', 'team', 'post'] as const;
export const CONTROL_MEASURE_LABELS: Record<(typeof CONTROL_MEASURE_TYPES)[number], { zh: string; en: string }> = {
  engineering: { zh: '工程技术', en: 'Engineering' },
  management: { zh: '管理措施', en: 'Management' },
  training: { zh: '培训教育', en: 'Training' },
  ppe: { zh: '个体防护', en: 'PPE' },
  emergency: { zh: '应急处置', en: 'Emergency' },
};
export const CONTROL_TIER_LABELS: Record<(typeof CONTROL_TIERS)[number], { zh: string; en: string }> = {
  company: { zh: '公司级', en: 'Company' },
  workshop: { zh: '车间级', en: 'Workshop' },
  team: { zh: '班组级', en: 'Team' },
  post: { zh: '岗位级', en: 'Post' },
};

export const controlMeasureSchema = z.strictObject({
  type: z.enum(CONTROL_MEASURE_TYPES),
  description: z.string().trim().min(1).max(1000),
  tier: z.enum(CONTROL_TIERS),
  responsible: z.string().trim().min(1).max(100),
});

export const assessmentInputSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('lec'), inputs: lecInputSchema }),
  z.strictObject({ method: z.literal('ls'), inputs: lsInputSchema }),
]);
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export const riskPointInputSchema = z.strictObject({
  enterpriseId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  location: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((s) => s || null),
  activity: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((s) => s || null),
  hazardFactors: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  accidentTypes: z
    .array(z.enum(ACCIDENT_TYPE_CODES))
    .min(1, bi('至少选择一种可能导致的事故类型', 'Choose at least one accident type'))
    .max(20),
  controlMeasures: z.array(controlMeasureSchema).max(100).default([]),
  reviewDate: z.iso
    .date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD'))
    .nullish()
    .transform((s) => s ?? null),
  areaId: z
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  assessment: assessmentInputSchema.optional(),
});
export type RiskPointInput = z.infer<typeof riskPointInputSchema>;

export const riskPointPatchSchema = riskPointInputSchema
  .omit({ enterpriseId: true, assessment: true })
  .partial()
  .extend({
    version: z.number().int().min(1).optional(),
  });

export const riskLevelSchema = z.enum(RISK_LEVELS);
