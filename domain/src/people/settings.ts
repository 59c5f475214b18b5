// Settings of this part (issue 26), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: people. Declare each with def({...}) from ../settings/define.ts.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const hours = z
  .number()
  .int(bi('应为整数', 'Must be a whole number'))
  .min(0, bi('不能小于 0', 'At least 0'))
  .max(500, bi('不能大于 500', 'At most 500'));
const ORDER3 = '《生产经营单位安全培训规定》（原安监总局令第3号，经63号、80号令修正）第9条';

export const PEOPLE_SETTINGS = {
  'people.certificateWindowDays': def({
    group: 'people',
    label: { zh: '证书复审/到期提醒期（日）', en: 'Certificate review/expiry window (days)' },
    description: {
      zh: '特种作业操作证复审或换证、合格证到期前多少日内提醒并可申请。',
      en: 'Days before a review, renewal or expiry within which the holder is reminded and may apply.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(180, bi('不能大于 180', 'At most 180')),
    default: 60,
    scope: 'province',
    provisional: false,
    source: '《特种作业人员安全技术培训考核管理规定》（原安监总局令第30号）第22条：期满前60日内申请复审',
  }),
  'people.offJobRetestMonths': def({
    group: 'people',
    label: { zh: '离岗重新考试期限（月）', en: 'Off-the-job months before a re-test' },
    description: {
      zh: '特种作业人员离开特种作业岗位达到此月数，须重新进行实际操作考试。',
      en: 'A special-work operator off the post this many months re-sits the practical test.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(60, bi('不能大于 60', 'At most 60')),
    default: 6,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：令第30号“离开特种作业岗位6个月以上……重新进行实际操作考试”，据二手资料，条文未核对',
  }),
  'people.managerInitialHours': def({
    group: 'people',
    label: { zh: '主要负责人/安管人员初次培训（学时）', en: 'Principal/safety manager initial training (hours)' },
    description: { zh: '一般行业，任职当年。', en: 'Ordinary industries, in the year of taking office.' },
    type: 'integer',
    schema: hours,
    default: 32,
    scope: 'province',
    provisional: false,
    source: ORDER3,
  }),
  'people.managerYearlyHours': def({
    group: 'people',
    label: { zh: '主要负责人/安管人员每年再培训（学时）', en: 'Principal/safety manager yearly training (hours)' },
    description: { zh: '一般行业。', en: 'Ordinary industries.' },
    type: 'integer',
    schema: hours,
    default: 12,
    scope: 'province',
    provisional: false,
    source: ORDER3,
  }),
  'people.managerInitialHoursHighRisk': def({
    group: 'people',
    label: { zh: '高危行业主要负责人/安管人员初次培训（学时）', en: 'High-risk principal/safety manager initial training (hours)' },
    description: {
      zh: '煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼。',
      en: 'Coal, non-coal mining, hazardous chemicals, fireworks, metal smelting.',
    },
    type: 'integer',
    schema: hours,
    default: 48,
    scope: 'province',
    provisional: false,
    source: ORDER3,
  }),
  'people.managerYearlyHoursHighRisk': def({
    group: 'people',
    label: { zh: '高危行业主要负责人/安管人员每年再培训（学时）', en: 'High-risk principal/safety manager yearly training (hours)' },
    description: {
      zh: '煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼。',
      en: 'Coal, non-coal mining, hazardous chemicals, fireworks, metal smelting.',
    },
    type: 'integer',
    schema: hours,
    default: 16,
    scope: 'province',
    provisional: false,
    source: ORDER3,
  }),
  'people.staffInitialHours': def({
    group: 'people',
    label: { zh: '新上岗从业人员岗前培训（学时）', en: 'New staff initial training (hours)' },
    description: { zh: '一般行业。', en: 'Ordinary industries.' },
    type: 'integer',
    schema: hours,
    default: 24,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：令第3号“新上岗的从业人员岗前培训时间不得少于24学时”，据二手资料',
  }),
  'people.staffInitialHoursHighRisk': def({
    group: 'people',
    label: { zh: '高危行业新上岗从业人员岗前培训（学时）', en: 'High-risk new staff initial training (hours)' },
    description: {
      zh: '煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼。',
      en: 'Coal, non-coal mining, hazardous chemicals, fireworks, metal smelting.',
    },
    type: 'integer',
    schema: hours,
    default: 72,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：令第3号“不得少于72学时”，据二手资料',
  }),
  'people.staffYearlyHoursHighRisk': def({
    group: 'people',
    label: { zh: '高危行业从业人员每年再培训（学时）', en: 'High-risk staff yearly training (hours)' },
    description: {
      zh: '煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼。一般行业无全国统一学时，不计。',
      en: 'High-risk groups; ordinary industries have no national figure.',
    },
    type: 'integer',
    schema: hours,
    default: 20,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：令第3号“每年接受再培训的时间不得少于20学时”，据二手资料',
  }),
} as const satisfies Record<string, SettingDef>;
