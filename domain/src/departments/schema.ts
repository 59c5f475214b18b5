// Request and response shapes of departments (行业部门) and the industries they supervise.
import { z } from 'zod';
import { regionCodeSchema } from '../enterprises/schema.ts';
import { bi } from '../errors/messages.ts';
import { isIndustryCode } from '../industries/gbt4754.ts';

const industries = z
  .array(
    z
      .string()
      .regex(/^\d{2}$/, bi('行业应为两位大类代码', 'Industry is a 2-digit division code'))
      .refine(isIndustryCode, bi('行业代码不在 GB/T 4754-2017 中', 'Not a GB/T 4754-2017 division')),
  )
  .max(97)
  .transform((a) => [...new Set(a)].sort());

/** 简称, the issuer's short name in official numbers (宿应急 in 宿应急责改〔2026〕12号); '' clears it. */
const shortName = z
  .string()
  .trim()
  .max(12, bi('简称不超过 12 个字', 'A short name has at most 12 characters'))
  .refine((s) => !/[\s〔〕()（）【】[\]]/.test(s), bi('简称不能含空格或括号', 'A short name has no spaces or brackets'))
  .transform((s) => s || null)
  .nullable();

export const departmentInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  shortName: shortName.optional(),
  regionCode: regionCodeSchema,
  industries: industries.default([]),
});
export type DepartmentInput = z.infer<typeof departmentInput>;
// Without the create default: zod fills a default in even for a key left out of a partial, and a
// PATCH of the short name alone would then clear the department's industries (and with them what
// its inspectors see).
export const departmentPatchInput = departmentInput.extend({ industries: industries.optional() }).partial();
export type DepartmentPatchInput = z.infer<typeof departmentPatchInput>;

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industries: z.array(z.string()),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentListSchema = z.object({ items: z.array(departmentSchema), total: z.number() });
