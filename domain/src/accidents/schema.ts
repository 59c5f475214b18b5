// Request shapes of the accidents API. A first report (快报) is accepted with figures unknown:
// null means "not known yet" and is shown so; it is never turned into zero on the record.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_TYPE_CODES } from '../risks/accident-types.ts';
import { PARALLEL_BODIES, REPORT_FAULTS, STAT_INDUSTRIES } from './catalog.ts';
import { CHAIN_LEVELS, toCent } from './grades.ts';
import { REPORT_SECTIONS } from './investigation.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`不超过 ${max} 字`, `At most ${max} characters`));
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => s || null);
const instant = z.iso.datetime({ offset: true, message: bi('时间格式应为 ISO 8601（含时区）', 'Time is ISO 8601 with an offset') });
const count = (zh: string, en: string) =>
  z
    .number(bi(`${zh}须为数字`, `${en} must be a number`))
    .int(bi(`${zh}须为整数`, `${en} must be a whole number`))
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(100_000)
    .nullable();
const loss = z
  .number(bi('直接经济损失须为数字（万元）', 'Direct loss must be a number (10,000 yuan)'))
  .min(0, bi('直接经济损失不能为负数', 'Direct loss cannot be negative'))
  .max(1e9)
  .refine(toCent, bi('直接经济损失最多保留两位小数（万元）', 'Direct loss has at most 2 decimals (10,000 yuan)'))
  .nullable();

export const figuresSchema = z.strictObject({
  deaths: count('死亡人数', 'Deaths').optional(),
  seriousInjuries: count('重伤人数', 'Serious injuries').optional(),
  minorInjuries: count('轻伤人数', 'Minor injuries').optional(),
  missing: count('下落不明人数', 'Missing').optional(),
  directLossWanYuan: loss.optional(),
});

export const accidentReportSchema = z.strictObject({
  /** The unit: one in the directory, or a name when it is not (a site, a vehicle, an unregistered unit). */
  enterpriseId: z.uuid().nullish(),
  unitName: optionalText(200),
  occurredAt: instant,
  /** When the unit's principal learned of it (Art. 9's hour runs from here); defaults to occurredAt. */
  learnedAt: instant.nullish(),
  /** Why the principal learned of it an hour or more after it happened (required then). */
  learnedReason: optionalText(1000),
  regionCode: z.string().regex(/^\d{6}(\d{6})?$/, bi('行政区划代码为 6 或 12 位数字', 'Region code has 6 or 12 digits')),
  place: text(300).min(1, bi('请填写事故地点', 'Give the place')),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  description: text(4000).min(1, bi('请简述事故经过', 'Describe what happened')),
  ...figuresSchema.shape,
  measures: optionalText(2000),
  other: optionalText(2000),
  type: z.enum(ACCIDENT_TYPE_CODES, bi('事故类别不正确', 'Unknown accident type')).nullish(),
  industryCode: z
    .string()
    .regex(/^\d{2,4}$/, bi('行业代码为 2–4 位数字', 'Industry code has 2–4 digits'))
    .nullish(),
  statIndustry: z.enum(STAT_INDUSTRIES, bi('统计行业不正确', 'Unknown statistical industry')).nullish(),
  /** 涉险事故: no one hurt, many at risk (definition provisional). */
  nearMiss: z.boolean().default(false),
  // Photos of the scene are added after the report (POST /api/v1/accidents/:id/photos), so an id
  // here could never be checked against a file: the report takes none.
});
export type AccidentReportInput = z.infer<typeof accidentReportSchema>;

export const followUpSchema = z.strictObject({
  at: instant,
  ...figuresSchema.shape,
  text: text(4000).min(1, bi('请填写续报内容', 'Say what changed')),
  reason: optionalText(1000),
  version: z.number().int().min(1),
});

export const forwardSchema = z.strictObject({
  to: z.enum(CHAIN_LEVELS, bi('上报层级不正确', 'Unknown level')),
  note: optionalText(1000),
  version: z.number().int().min(1),
});

export const parallelSchema = z.strictObject({
  bodies: z.array(z.enum(PARALLEL_BODIES)).min(1, bi('请选择通报的部门', 'Pick the bodies notified')),
  version: z.number().int().min(1),
});

export const faultSchema = z.strictObject({
  fault: z.enum(REPORT_FAULTS).refine((f) => f !== 'late', bi('迟报由系统按时限自动认定', 'A late report is computed from the deadlines')),
  evidence: text(4000).min(1, bi('请填写认定依据', 'Give the evidence')),
  version: z.number().int().min(1),
});

export const investigationStepSchema = z.strictObject({
  version: z.number().int().min(1),
  note: optionalText(2000),
  /** addMember */
  members: z
    .array(z.strictObject({ name: text(50).min(1), org: text(100).min(1), role: optionalText(50) }))
    .max(50)
    .optional(),
  /** extend */
  days: z.number().int().optional(),
  /** submitReport */
  report: z
    .strictObject(
      Object.fromEntries(REPORT_SECTIONS.map((s) => [s, text(20_000).min(1)])) as Record<
        (typeof REPORT_SECTIONS)[number],
        ReturnType<typeof text>
      >,
    )
    .optional(),
  /** evaluate */
  evaluation: optionalText(4000),
});
