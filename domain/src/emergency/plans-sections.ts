// The plan types and their GB/T 29639-2020 sections as structured fields (issue 27, owner: plans):
// 综合应急预案 (chapter 6), 专项应急预案 (7.1–7.5), 现场处置方案 (chapter 8), the annexes (chapter 9)
// and the key posts of an on-site plan whose 应急处置卡 are generated. The sub-clauses of 6.3.2–6.5
// are known only by their headings (STANDARDS-NEXT §9 item 7): each section is free text.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

type Label = { zh: string; en: string };

export const EMERGENCY_PLAN_TYPES = ['comprehensive', 'special', 'onSite'] as const;
export type EmergencyPlanType = (typeof EMERGENCY_PLAN_TYPES)[number];
export const EMERGENCY_PLAN_TYPE_LABELS: Record<EmergencyPlanType, Label> = {
  comprehensive: { zh: '综合应急预案', en: 'Comprehensive plan' },
  special: { zh: '专项应急预案', en: 'Special plan' },
  onSite: { zh: '现场处置方案', en: 'On-site response plan' },
};

export const PLAN_OWNER_KINDS = ['enterprise', 'government'] as const;
export type PlanOwnerKind = (typeof PLAN_OWNER_KINDS)[number];
export const PLAN_OWNER_KIND_LABELS: Record<PlanOwnerKind, Label> = {
  enterprise: { zh: '生产经营单位', en: 'Enterprise' },
  government: { zh: '政府部门', en: 'Government department' },
};

export type PlanSection = { key: string; clause: string; zh: string; en: string };

/** The sections of each plan type, in the standard's order, with the clause they come from. */
export const PLAN_SECTIONS: Record<EmergencyPlanType, readonly PlanSection[]> = {
  comprehensive: [
    { key: 'scope', clause: '6.1.1', zh: '总则：适用范围', en: 'General: scope' },
    { key: 'responseLevels', clause: '6.1.2', zh: '响应分级', en: 'Response levels' },
    { key: 'organisation', clause: '6.2', zh: '应急组织机构及职责', en: 'Organisation and duties' },
    { key: 'informationReporting', clause: '6.3.1', zh: '信息报告', en: 'Information reporting' },
    { key: 'warning', clause: '6.3.2', zh: '预警', en: 'Warning' },
    { key: 'responseStart', clause: '6.3.3', zh: '响应启动', en: 'Response start' },
    { key: 'handling', clause: '6.3.4', zh: '应急处置', en: 'Handling' },
    { key: 'support', clause: '6.3.5', zh: '应急支援', en: 'External support' },
    { key: 'responseEnd', clause: '6.3.6', zh: '响应终止', en: 'End of response' },
    { key: 'aftercare', clause: '6.4', zh: '后期处置', en: 'Aftercare' },
    { key: 'safeguards', clause: '6.5', zh: '应急保障', en: 'Safeguards' },
  ],
  special: [
    { key: 'scope', clause: '7.1', zh: '适用范围（及与综合预案的关系）', en: 'Scope (and link to the comprehensive plan)' },
    { key: 'organisation', clause: '7.2', zh: '应急组织机构及职责', en: 'Organisation and duties' },
    { key: 'responseStart', clause: '7.3', zh: '响应启动', en: 'Response start' },
    { key: 'measures', clause: '7.4', zh: '处置措施', en: 'Measures' },
    { key: 'safeguards', clause: '7.5', zh: '应急保障', en: 'Safeguards' },
  ],
  onSite: [
    { key: 'riskDescription', clause: '8.1', zh: '事故风险描述', en: 'Accident risk description' },
    { key: 'duties', clause: '8.2', zh: '应急工作职责', en: 'Response duties' },
    { key: 'handling', clause: '8.3', zh: '应急处置', en: 'Handling' },
    { key: 'cautions', clause: '8.4', zh: '注意事项', en: 'Cautions' },
  ],
};

/** Sections a plan type must fill before review (专项: 7.1–7.4, "包括但不限于"; the others all). */
export function requiredSections(type: EmergencyPlanType): string[] {
  return PLAN_SECTIONS[type].filter((s) => !(type === 'special' && s.key === 'safeguards')).map((s) => s.key);
}

/** Annexes of chapter 9 kept as text; the supplies and contact lists are drawn from the platform's records. */
export const PLAN_ANNEXES: readonly PlanSection[] = [
  { key: 'unitOverview', clause: '9.1', zh: '生产经营单位概况', en: 'Unit overview' },
  { key: 'riskAssessment', clause: '9.2', zh: '风险评估结果', en: 'Risk assessment results' },
  { key: 'planSystem', clause: '9.3', zh: '预案体系与衔接', en: 'Plan system and links' },
  { key: 'formats', clause: '9.6', zh: '格式化文本', en: 'Standard forms' },
  { key: 'maps', clause: '9.7', zh: '关键的路线、标识和图纸', en: 'Routes, signs and drawings' },
  { key: 'agreements', clause: '9.8', zh: '有关协议或备忘录', en: 'Agreements' },
];

const text = (max: number) =>
  z
    .string(bi('请填写文字', 'Give text'))
    .trim()
    .max(max, bi(`不能超过 ${max} 字`, `At most ${max} characters`));

/** A key post of an on-site plan: what its 应急处置卡 says. */
export const planPostSchema = z.strictObject({
  post: text(60).min(1, bi('请填写岗位名称', 'Name the post')),
  duties: text(500).default(''),
  steps: z
    .array(text(300).min(1, bi('步骤不能为空', 'A step cannot be empty')))
    .max(20, bi('最多 20 步', 'At most 20 steps'))
    .default([]),
  reportTo: text(60).default(''),
  phone: text(40).default(''),
  cautions: text(500).default(''),
});
export type PlanPost = z.infer<typeof planPostSchema>;

const sectionsSchema = z.record(z.string(), text(20_000)).default({});

export const planCreateSchema = z.strictObject({
  ownerKind: z.enum(PLAN_OWNER_KINDS, { message: bi('请选择编制主体', 'Choose the owner') }).default('enterprise'),
  enterpriseId: z.uuid(bi('企业无效', 'Invalid enterprise')).nullish(),
  departmentId: z.uuid(bi('部门无效', 'Invalid department')).nullish(),
  planType: z.enum(EMERGENCY_PLAN_TYPES, { message: bi('请选择预案类型', 'Choose the plan type') }),
  title: text(200).min(1, bi('请填写预案名称', 'Give the title')),
  sections: sectionsSchema,
  annexes: sectionsSchema,
  posts: z.array(planPostSchema).max(50).default([]),
  riskPointIds: z
    .array(z.uuid(bi('风险点无效', 'Invalid risk point')))
    .max(200)
    .default([]),
  installationIds: z
    .array(z.uuid(bi('重大危险源无效', 'Invalid installation')))
    .max(200)
    .default([]),
});
export type PlanCreate = z.infer<typeof planCreateSchema>;

export const planEditSchema = z.strictObject({
  version: z.number().int().min(1),
  title: text(200).min(1, bi('请填写预案名称', 'Give the title')).optional(),
  sections: z.record(z.string(), text(20_000)).optional(),
  annexes: z.record(z.string(), text(20_000)).optional(),
  posts: z.array(planPostSchema).max(50).optional(),
  riskPointIds: z
    .array(z.uuid(bi('风险点无效', 'Invalid risk point')))
    .max(200)
    .optional(),
  installationIds: z
    .array(z.uuid(bi('重大危险源无效', 'Invalid installation')))
    .max(200)
    .optional(),
});
export type PlanEdit = z.infer<typeof planEditSchema>;

/** Section keys not of the plan type, and required sections left empty (field messages). */
export function sectionProblems(type: EmergencyPlanType, sections: Record<string, string>, forReview: boolean): Record<string, Label> {
  const known = new Set(PLAN_SECTIONS[type].map((s) => s.key));
  const out: Record<string, Label> = {};
  for (const k of Object.keys(sections))
    if (!known.has(k))
      out[`sections.${k}`] = {
        zh: `${EMERGENCY_PLAN_TYPE_LABELS[type].zh}没有此章节`,
        en: `Not a section of a ${EMERGENCY_PLAN_TYPE_LABELS[type].en}`,
      };
  if (forReview)
    for (const k of requiredSections(type)) {
      const s = PLAN_SECTIONS[type].find((x) => x.key === k) as PlanSection;
      if (!(sections[k] ?? '').trim()) out[`sections.${k}`] = { zh: `请填写“${s.zh}”`, en: `Fill in "${s.en}"` };
    }
  return out;
}

export function annexProblems(annexes: Record<string, string>): Record<string, Label> {
  const known = new Set(PLAN_ANNEXES.map((s) => s.key));
  const out: Record<string, Label> = {};
  for (const k of Object.keys(annexes)) if (!known.has(k)) out[`annexes.${k}`] = { zh: '没有此附件', en: 'Not an annex' };
  return out;
}
