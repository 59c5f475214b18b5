// Intermediaries (中介机构, issue 26 item 2): the 安全评价、检测检验、认证 agencies and their staff,
// a directory of their own beside the enterprises, each with a credit file; their reports are
// recorded and may be published (安全评价报告公开), and a supervisor may find one false (虚假报告),
// which lowers the agency's level and is a reason of the serious-discredit list (令第11号).
import { z } from 'zod';
import { checkCreditCode } from '../credit-code/credit-code.ts';
import { bi } from '../errors/messages.ts';

export const INTERMEDIARY_KINDS = ['evaluation', 'testing', 'certification', 'inspection'] as const;
export type IntermediaryKind = (typeof INTERMEDIARY_KINDS)[number];
export const INTERMEDIARY_KIND_LABELS: Record<IntermediaryKind, { zh: string; en: string }> = {
  evaluation: { zh: '安全评价机构', en: 'Safety evaluation' },
  testing: { zh: '检测机构', en: 'Testing' },
  certification: { zh: '认证机构', en: 'Certification' },
  inspection: { zh: '检验机构', en: 'Inspection' },
};

const text = (min: number, max: number, zh: string, en: string) =>
  z
    .string({ message: bi(`请填写${zh}`, `${en} is required`) })
    .trim()
    .min(min, bi(`${zh}至少 ${min} 个字`, `${en}: at least ${min} characters`))
    .max(max, bi(`${zh}最多 ${max} 个字`, `${en}: at most ${max} characters`));

export const staffMemberSchema = z.strictObject({
  name: text(2, 40, '姓名', 'Name'),
  qualificationNumber: text(4, 60, '资格证书编号', 'Qualification number'),
});

export const intermediaryInputSchema = z.strictObject({
  name: text(2, 100, '机构名称', 'Name'),
  uscc: z
    .string({ message: bi('请填写统一社会信用代码', 'The credit code is required') })
    .trim()
    .toUpperCase()
    .refine((c) => checkCreditCode(c).valid, bi('统一社会信用代码不正确', 'Invalid unified social credit code')),
  kind: z.enum(INTERMEDIARY_KINDS, { message: bi('请选择机构类型', 'Choose the kind') }),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{12}$/, bi('区划代码应为 12 位数字', 'Region code is 12 digits')),
  qualificationNumber: text(4, 60, '资质证书编号', 'Qualification number'),
  qualificationValidUntil: z.iso.date({ message: bi('日期格式应为 YYYY-MM-DD', 'Date as YYYY-MM-DD') }).optional(),
  address: z.string().trim().max(200, bi('地址最多 200 个字', 'At most 200 characters')).optional(),
  staff: z.array(staffMemberSchema).max(200, bi('人员最多 200 名', 'At most 200 staff')).default([]),
  version: z.number().int().min(1).optional(),
});
export type IntermediaryInput = z.infer<typeof intermediaryInputSchema>;

export const INTERMEDIARY_ACTIONS = ['edit', 'delete', 'addReport'] as const;
export type IntermediaryAction = (typeof INTERMEDIARY_ACTIONS)[number];

export const intermediarySchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  kind: z.enum(INTERMEDIARY_KINDS),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  qualificationNumber: z.string().nullable(),
  qualificationValidUntil: z.string().nullable(),
  address: z.string().nullable(),
  staff: z.array(z.object({ name: z.string(), qualificationNumber: z.string() })),
  level: z.enum(['A', 'B', 'C', 'D']).nullable(),
  listed: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(INTERMEDIARY_ACTIONS)),
});
export type Intermediary = z.infer<typeof intermediarySchema>;

export const intermediaryListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(INTERMEDIARY_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const REPORT_CONCLUSIONS = ['pass', 'conditional', 'fail'] as const;
export type ReportConclusion = (typeof REPORT_CONCLUSIONS)[number];
export const REPORT_CONCLUSION_LABELS: Record<ReportConclusion, { zh: string; en: string }> = {
  pass: { zh: '符合安全要求', en: 'Meets the requirements' },
  conditional: { zh: '整改后符合', en: 'Meets them after fixes' },
  fail: { zh: '不符合', en: 'Does not meet them' },
};

export const intermediaryReportInputSchema = z.strictObject({
  enterpriseId: z.uuid({ message: bi('企业编号格式不正确', 'Invalid enterprise id') }).optional(),
  enterpriseName: text(2, 100, '委托单位', 'Client'),
  title: text(4, 200, '报告名称', 'Title'),
  reportDate: z.iso.date({ message: bi('日期格式应为 YYYY-MM-DD', 'Date as YYYY-MM-DD') }),
  conclusion: z.enum(REPORT_CONCLUSIONS, { message: bi('请选择报告结论', 'Choose the conclusion') }),
  summary: z.string().trim().max(2000, bi('摘要最多 2000 个字', 'At most 2000 characters')).optional(),
  publish: z.boolean().default(true),
});
export type IntermediaryReportInput = z.infer<typeof intermediaryReportInputSchema>;

export const falseReportSchema = z.strictObject({
  reason: text(4, 1000, '认定虚假报告的事实', 'The finding'),
});

export const intermediaryReportSchema = z.object({
  id: z.string(),
  intermediaryId: z.string(),
  intermediaryName: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  title: z.string(),
  reportDate: z.string(),
  conclusion: z.enum(REPORT_CONCLUSIONS),
  summary: z.string().nullable(),
  published: z.boolean(),
  falseFoundAt: z.string().nullable(),
  falseReason: z.string().nullable(),
});
export type IntermediaryReport = z.infer<typeof intermediaryReportSchema>;
