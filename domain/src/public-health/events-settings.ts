// Settings of 突发公共卫生事件 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

export const PH_EVENTS_SETTINGS = {
  'phEvents.clusterCases': def({
    group: 'publicHealth',
    label: { zh: '聚集性信号：病例数', en: 'Cluster signal: number of cases' },
    description: {
      zh: '同一乡镇（街道）同一病种在时间窗内达到此病例数（不计已合并、已撤销的报告卡），生成聚集性信号。',
      en: 'Cases of one disease in one township within the window (merged and revoked reports excluded) from which a cluster signal is raised.',
    },
    type: 'integer',
    schema: int(1, 10000),
    default: 5,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：聚集性疫情的通用阈值未核实；5 例 / 7 天为暂定',
  }),
  'phEvents.clusterDays': def({
    group: 'publicHealth',
    label: { zh: '聚集性信号：时间窗（天）', en: 'Cluster signal: window (days)' },
    description: { zh: '按诊断时间统计的天数。', en: 'Days counted back from now by the diagnosis time.' },
    type: 'integer',
    schema: int(1, 90),
    default: 7,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：聚集性疫情的通用时间窗未核实；7 天为暂定',
  }),
  'phEvents.clusterOverrides': def({
    group: 'publicHealth',
    label: { zh: '聚集性信号：分病种阈值', en: 'Cluster signal: per-disease thresholds' },
    description: {
      zh: '格式“病种代码:病例数/天数”，以分号分隔，例如“cholera:1/7”。未列出的病种用默认阈值。',
      en: 'As “code:cases/days” separated by semicolons, e.g. “cholera:1/7”. Diseases not listed use the default.',
    },
    type: 'text',
    schema: z.string().max(2000, bi('不能超过 2000 字', 'At most 2000 characters')),
    default: '',
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：分病种聚集阈值未核实（霍乱“一县 1 周内 ≤9 例”为Ⅳ级标准，不是信号阈值）',
  }),
  'phEvents.chainStepHours': def({
    group: 'publicHealth',
    label: { zh: '报告链：每级时限（小时）', en: 'Reporting chain: hours per step' },
    description: {
      zh: '发现后向县级卫生行政部门、卫生行政部门向本级政府、县向市、市向省的每一步时限。',
      en: 'Each step from discovery to the county health department, to its government, county to city, city to province.',
    },
    type: 'integer',
    schema: int(1, 24),
    default: 2,
    scope: 'national',
    provisional: false,
    source: '《突发公共卫生事件应急条例》第十九条、第二十条：2 小时',
  }),
  'phEvents.chainNationalHours': def({
    group: 'publicHealth',
    label: {
      zh: '报告链：省级向国务院卫生行政部门时限（小时）',
      en: 'Reporting chain: province to the national health department (hours)',
    },
    description: {
      zh: '传染病暴发流行、不明原因群体性疾病、菌种毒种丢失、重大食物和职业中毒事件。',
      en: 'For outbreaks, unknown-cause clusters, loss of strains, major food and occupational poisoning.',
    },
    type: 'integer',
    schema: int(1, 24),
    default: 1,
    scope: 'national',
    provisional: false,
    source: '《突发公共卫生事件应急条例》第十九条：1 小时',
  }),
  'phEvents.closingReportDays': def({
    group: 'publicHealth',
    label: { zh: '结案报告时限（天）', en: 'Closing report within (days)' },
    description: { zh: '事件处置结束后提交结案报告的天数。', en: 'Days after the response ends within which the closing report is due.' },
    type: 'integer',
    schema: int(1, 90),
    default: 14,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：初次/进程/结案报告时限未核实；结案 2 周内为暂定',
  }),
} as const satisfies Record<string, SettingDef>;
