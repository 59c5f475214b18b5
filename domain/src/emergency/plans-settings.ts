// Settings of 应急预案与备案 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: plans (预案、备案、评估修订、应急处置卡).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

/** Sections whose change makes a revision need re-filing (the default of emergencyPlans.refilingSections). */
export const DEFAULT_REFILING_SECTIONS = 'organisation,responseLevels,responseStart,handling,measures,duties';

export const EMERGENCY_PLANS_SETTINGS = {
  'emergencyPlans.filingWorkingDays': def({
    group: 'emergency',
    label: { zh: '预案公布后备案期限（工作日）', en: 'Filing deadline after publication (working days)' },
    description: { zh: '应急预案自公布之日起在此期限内报备案。', en: 'A plan is filed within this many working days of publication.' },
    type: 'integer',
    schema: int(1, 60),
    default: 20,
    scope: 'national',
    provisional: false,
    source: '《生产安全事故应急预案管理办法》（令第88号，令第2号修正）第二十六条',
  }),
  'emergencyPlans.answerWorkingDays': def({
    group: 'emergency',
    label: { zh: '备案受理核对期限（工作日）', en: 'Department answer window (working days)' },
    description: {
      zh: '受理部门在此期限内核对材料；逾期不予备案又不说明理由的，视为已备案。',
      en: 'The department checks the materials within this window; unanswered, the plan is deemed filed.',
    },
    type: 'integer',
    schema: int(1, 30),
    default: 5,
    scope: 'national',
    provisional: false,
    source: '令第88号第二十六条（二手来源：233.com 摘要，STANDARDS-NEXT §5.2）',
  }),
  'emergencyPlans.evaluationYears': def({
    group: 'emergency',
    label: { zh: '应急预案定期评估周期（年）', en: 'Periodic evaluation interval (years)' },
    description: { zh: '自公布或上次评估之日起计算。', en: 'From publication or the last evaluation.' },
    type: 'integer',
    schema: int(1, 5),
    default: 3,
    scope: 'province',
    provisional: false,
    source: '令第88号第三十五条（每三年进行一次应急预案评估）',
  }),
  'emergencyPlans.othersMustFile': def({
    group: 'emergency',
    label: { zh: '条例第七条以外的单位也须备案（1=是，0=否）', en: 'Units outside Decree 708 Art. 7 must also file (1 yes, 0 no)' },
    description: {
      zh: '令第88号第二十六条：其他生产经营单位应急预案的备案由省级部门确定。',
      en: 'Art. 26: the province decides whether other units file.',
    },
    type: 'integer',
    schema: int(0, 1),
    default: 0,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：令第88号第二十六条第三款由省级部门确定，本省规定未核对，暂按不要求',
  }),
  'emergencyPlans.refilingSections': def({
    group: 'emergency',
    label: { zh: '修订后须重新备案的章节（逗号分隔）', en: 'Sections whose revision needs re-filing (comma-separated keys)' },
    description: {
      zh: '修订涉及组织指挥体系与职责、应急处置程序、主要处置措施、响应分级等内容变更的，重新备案。',
      en: 'A revision changing organisation and duties, procedures, main measures or response levels is filed again.',
    },
    type: 'text',
    schema: z.string().trim().max(500),
    default: DEFAULT_REFILING_SECTIONS,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED（STANDARDS-NEXT §9 第6项）：令第2号修正后第三十六条重新备案情形的原文未核对',
  }),
} as const satisfies Record<string, SettingDef>;
