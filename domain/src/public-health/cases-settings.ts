// Settings of 传染病报告 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

export const PH_CASES_SETTINGS = {
  'phCases.reviewWindowHours': def({
    group: 'publicHealth',
    label: { zh: '县级疾控审核时限（小时）', en: 'County CDC review window (hours)' },
    description: {
      zh: '报告卡提交后，辖区疾控应在此时限内审核；逾期的在工作台标红。',
      en: 'A reported card is to be reviewed by the CDC of its jurisdiction within this many hours; overdue ones are flagged on the 工作台.',
    },
    type: 'integer',
    schema: int(1, 168),
    default: 24,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：《传染病信息报告管理规范》县级疾控审核时限，24 小时为暂定',
  }),
  'phCases.investigationHours': def({
    group: 'publicHealth',
    label: { zh: '确诊病例流调时限（小时）', en: 'Investigation of a confirmed case (hours)' },
    description: {
      zh: '确诊病例自诊断时起，流行病学调查任务的完成时限。',
      en: 'Hours from diagnosis within which the epidemiological investigation of a confirmed case is due.',
    },
    type: 'integer',
    schema: int(1, 168),
    default: 24,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：流调 24 小时内完成为通行做法，未见统一规范条文',
  }),
  'phCases.duplicateWindowDays': def({
    group: 'publicHealth',
    label: { zh: '重复报告查重窗口（天）', en: 'Duplicate window (days)' },
    description: {
      zh: '同一人、同一病种、诊断时间相差不超过此天数的报告卡提示为疑似重复。',
      en: 'Cards of the same person and disease diagnosed within this many days are suggested as duplicates.',
    },
    type: 'integer',
    schema: int(1, 365),
    default: 30,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：查重窗口未见规范条文，30 天为暂定',
  }),
} as const satisfies Record<string, SettingDef>;
