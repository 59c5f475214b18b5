// Settings of 应急演练 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: drills (演练计划、实施、评估、频次检查).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';
import { DRILL_ON_SITE_RULES, DRILL_PERIOD_CONVENTIONS } from './drills-frequency.ts';

export const DRILLS_SETTINGS = {
  'drills.periodConvention': def({
    group: 'emergency',
    label: { zh: '演练频次的期间口径', en: 'How drill periods are counted' },
    description: {
      zh: 'calendar：按自然年、上下半年（1–6月、7–12月）和“本年及上一年”计算；rolling：按截至今天的滚动12个月、6个月、24个月计算。',
      en: 'calendar: the calendar year, the half-years Jan–Jun and Jul–Dec, and "this and last year"; rolling: the 12, 6 or 24 months ending today.',
    },
    type: 'text',
    schema: z.enum(DRILL_PERIOD_CONVENTIONS, bi('应为 calendar 或 rolling', 'calendar or rolling')),
    default: 'calendar',
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：《应急预案管理办法》第三十三条“每年”“每半年”与《生产安全事故应急条例》第八条“每2年”“每半年”均未规定按自然期间还是滚动期间计算；暂按自然年/半年',
  }),
  'drills.onSitePerPlan': def({
    group: 'emergency',
    label: { zh: '现场处置方案演练口径', en: 'On-site plans drilled each or any' },
    description: {
      zh: 'each：每个现场处置方案每半年各演练一次；any：每半年任一现场处置方案演练一次即可。',
      en: 'each: every on-site plan is drilled each half-year; any: one on-site plan drill a half-year is enough.',
    },
    type: 'text',
    schema: z.enum(DRILL_ON_SITE_RULES, bi('应为 each 或 any', 'each or any')),
    default: 'each',
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：《应急预案管理办法》第三十三条“每半年至少组织一次现场处置方案演练”；“每个方案各自”据江苏省应急管理厅留言答复，条文未核对',
  }),
} as const satisfies Record<string, SettingDef>;
