// Request and response shapes of risk control: the calculators' and risk points' inputs, then every
// risk route's response (declared on the route, so the server strips what is not listed here and the
// web reads its types with z.infer; a field the web or a test reads must be listed). The schema is the type.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_TYPE_CODES } from './accident-types.ts';
import { identify } from './gb18218.ts';
import { CATEGORIES, type Category } from './gb18218-tables.ts';
import { LEC_ALLOWED } from './lec.ts';
import { RISK_LEVELS } from './levels.ts';
import { INSTALLATION_ACTIONS, REPORT_ACTIONS, REPORT_STATUSES, RISK_POINT_ACTIONS } from './policy.ts';

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

// ---- Responses ----

const level = z.enum(RISK_LEVELS);
const page = { total: z.number(), page: z.number(), pageSize: z.number() };

export const controlMeasureOutSchema = z.object({
  type: z.enum(CONTROL_MEASURE_TYPES),
  description: z.string(),
  tier: z.enum(CONTROL_TIERS),
  responsible: z.string(),
});
export type ControlMeasure = z.infer<typeof controlMeasureOutSchema>;

export const riskPointSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  activity: z.string().nullable(),
  hazardFactors: z.array(z.string()),
  accidentTypes: z.array(z.string()),
  controlMeasures: z.array(controlMeasureOutSchema),
  reviewDate: z.string().nullable(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  method: z.enum(['lec', 'ls']).nullable(),
  score: z.number().nullable(),
  level: level.nullable(),
  colour: z.string().nullable(),
  assessedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(RISK_POINT_ACTIONS)),
});
export type RiskPoint = z.infer<typeof riskPointSchema>;

/** One assessment in a risk point's history: the inputs, the calculator's result and the thresholds used. */
export const riskAssessmentSchema = z.object({
  method: z.enum(['lec', 'ls']),
  inputs: z.record(z.string(), z.number()),
  result: z.record(z.string(), z.unknown()),
  thresholds: z.record(z.string(), z.unknown()),
  score: z.number(),
  level,
  assessedBy: z.string(),
  assessedAt: z.string(),
});
export const riskPointDetailSchema = riskPointSchema.extend({ assessments: z.array(riskAssessmentSchema) });
export type RiskPointDetail = z.infer<typeof riskPointDetailSchema>;
export const riskPointListSchema = z.object({ items: z.array(riskPointSchema), ...page });

export const installationSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  inventory: z.array(
    z.object({
      name: z.string().optional(),
      cas: z.string().optional(),
      // As stored: a Table 2 category code, or several (validated on the way in).
      category: z.union([z.string(), z.array(z.string())]).optional(),
      quantityTonnes: z.number(),
    }),
  ),
  peopleWithin500m: z.number(),
  S: z.number(),
  R: z.number(),
  alpha: z.number(),
  isMajorHazard: z.boolean(),
  grade: z.number().nullable(),
  perSubstance: z.array(
    z.object({
      matched: z.string(),
      source: z.enum(['table1', 'table2']),
      q: z.number(),
      Q: z.number(),
      beta: z.number(),
      ratio: z.number(),
    }),
  ),
  evaluatedAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(INSTALLATION_ACTIONS)),
});
export type Installation = z.infer<typeof installationSchema>;
export const installationListSchema = z.object({
  items: z.array(installationSchema),
  ...page,
  byGrade: z.array(z.object({ grade: z.number().nullable(), n: z.number() })),
});

export const riskAreaSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  name: z.string(),
  polygon: z.array(z.tuple([z.number(), z.number()])),
  level: level.nullable(),
  colour: z.string().nullable(),
  riskPointCount: z.number(),
});
export type RiskArea = z.infer<typeof riskAreaSchema>;
export const riskMapSchema = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  sitePlan: z.object({ url: z.string(), width: z.number(), height: z.number(), contentType: z.string() }).nullable(),
  areas: z.array(riskAreaSchema),
  canEdit: z.boolean(),
});
export type RiskMap = z.infer<typeof riskMapSchema>;
export const sitePlanUploadSchema = z.object({ width: z.number(), height: z.number(), contentType: z.string(), bytes: z.number() });

/**
 * A risk point as a risk report carries it (a snapshot taken when the report is drafted or
 * submitted). Reports kept from before the snapshot had a location and measures lack them.
 */
export const riskReportItemSchema = z.object({
  riskPointId: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  level: level.nullable(),
  method: z.string().nullable(),
  score: z.number().nullable(),
  accidentTypes: z.array(z.string()),
  controlMeasures: z.array(controlMeasureOutSchema).optional(),
});
export const riskReportSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  items: z.array(riskReportItemSchema),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  version: z.number(),
  createdAt: z.string().nullable(),
  allowedActions: z.array(z.enum(REPORT_ACTIONS)),
});
export type RiskReport = z.infer<typeof riskReportSchema>;
export const riskReportListSchema = z.object({ items: z.array(riskReportSchema), ...page });

const levelCounts = { major: z.number(), high: z.number(), moderate: z.number(), low: z.number() };
export const riskDistributionSchema = z.object({
  region: z.string(),
  totals: z.object(levelCounts),
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), ...levelCounts })),
  byIndustry: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), ...levelCounts })),
  enterprises: z.array(
    z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string().nullable(), ...levelCounts }),
  ),
});
export type RiskDistribution = z.infer<typeof riskDistributionSchema>;
