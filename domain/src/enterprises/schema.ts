// Request and response shapes of the enterprise directory. The schema is the type.
import { z } from 'zod';
import { checkCreditCode } from '../credit-code/credit-code.ts';
import { STANDARDIZATION_GRADES } from '../enforcement/classes.ts';
import { bi } from '../errors/messages.ts';
import { isIndustryCode } from '../industries/gbt4754.ts';
import { HIGH_RISK_FLAGS } from './safety-director.ts';

export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('行政区划代码应为 6、9 或 12 位数字', 'Region code has 6, 9 or 12 digits'))
  .transform((c) => c.padEnd(12, '0'));

export const creditCodeSchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .superRefine((code, ctx) => {
    const r = checkCreditCode(code);
    for (const e of r.errors.slice(0, 1)) ctx.addIssue({ code: 'custom', message: bi(e.zh, e.en) });
  });

export const industryCodeSchema = z
  .string()
  .trim()
  .refine(isIndustryCode, bi('行业代码不在 GB/T 4754-2017 中', 'Not a GB/T 4754-2017 industry code'));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const enterpriseInputSchema = z.strictObject({
  creditCode: creditCodeSchema,
  name: z.string().trim().min(1).max(200),
  address: optionalText(500),
  regionCode: regionCodeSchema,
  industryCode: industryCodeSchema,
  employees: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((n) => n ?? null),
  revenueWan: z
    .number()
    .min(0)
    .max(1e10)
    .nullish()
    .transform((n) => n ?? null),
  highRisk: z
    .array(z.enum(HIGH_RISK_FLAGS))
    .max(HIGH_RISK_FLAGS.length)
    .default([])
    .transform((a) => [...new Set(a)]),
  legalRepresentative: optionalText(100),
  safetyDirector: optionalText(100),
  contactPhone: optionalText(40),
  /**
   * 安全生产标准化 grade and until when it is valid (the classification reads both; an expired grade
   * counts as none). Optional in the type so that callers without it (import files, the demo) keep
   * working; a grade without its validity is refused by standardizationProblem.
   */
  standardizationGrade: z.enum(STANDARDIZATION_GRADES, { message: bi('等级应为一级、二级或三级', 'Level 1, 2 or 3') }).nullish(),
  standardizationValidUntil: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'A date YYYY-MM-DD')).nullish(),
});
export type EnterpriseInput = z.infer<typeof enterpriseInputSchema>;

/** A standardisation grade needs its validity (and a validity its grade): the field message, or null. */
export function standardizationProblem(e: {
  standardizationGrade?: string | null | undefined;
  standardizationValidUntil?: string | null | undefined;
}): Record<string, { zh: string; en: string }> | null {
  if (e.standardizationGrade && !e.standardizationValidUntil)
    return { standardizationValidUntil: { zh: '填写标准化等级时须填写有效期', en: 'A grade needs its valid-until date' } };
  if (!e.standardizationGrade && e.standardizationValidUntil)
    return { standardizationGrade: { zh: '填写有效期时须选择标准化等级', en: 'A valid-until date needs a grade' } };
  return null;
}

export const enterprisePatchSchema = enterpriseInputSchema.partial().extend({
  /** Optimistic concurrency: the version the editor saw. */
  version: z.number().int().min(1).optional(),
});
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;

export const enterpriseSchema = z.object({
  id: z.string(),
  creditCode: z.string(),
  creditCodeWarning: z.boolean(),
  name: z.string(),
  address: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industryCode: z.string(),
  employees: z.number().nullable(),
  revenueWan: z.number().nullable(),
  highRisk: z.array(z.string()),
  legalRepresentative: z.string().nullable(),
  safetyDirector: z.string().nullable(),
  contactPhone: z.string().nullable(),
  standardizationGrade: z.enum(STANDARDIZATION_GRADES).nullable(),
  standardizationValidUntil: z.string().nullable(),
  lacksSafetyDirector: z.boolean(),
  /** On the serious-discredit list now (联合惩戒): flagged wherever the enterprise appears. */
  listed: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const enterpriseQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, bi('区划代码应为数字', 'Region code is digits'))
    .optional(),
  industry: z
    .string()
    .trim()
    .regex(/^([A-T]|\d{2,4})$/, bi('行业代码无效', 'Invalid industry code'))
    .optional(),
  highRisk: z.enum(HIGH_RISK_FLAGS).optional(),
  lacksSafetyDirector: z.enum(['true', 'false']).optional(),
  creditCodeWarning: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', '-name', 'updatedAt', '-updatedAt', 'employees', '-employees']).default('name'),
});
export type EnterpriseQuery = z.infer<typeof enterpriseQuerySchema>;

/** One line of an import file and what became of it (imported, imported with warnings, or rejected and why). */
export const importRowResultSchema = z.object({
  line: z.number(),
  creditCode: z.string().nullable(),
  name: z.string().nullable(),
  status: z.enum(['imported', 'warning', 'rejected']),
  id: z.string().optional(),
  reasons: z.array(z.object({ field: z.string(), zh: z.string(), en: z.string() })),
});
export const importSummarySchema = z.object({
  total: z.number(),
  imported: z.number(),
  warning: z.number(),
  rejected: z.number(),
  rows: z.array(importRowResultSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
