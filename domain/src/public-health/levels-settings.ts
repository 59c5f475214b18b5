// Settings of 风险等级 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

const SRC = 'UNCONFIRMED：现行风险等级规则未见全国统一规定；默认取 STANDARDS-NEXT §7.4 防控方案第九版（2022）的数值';

export const PH_LEVELS_SETTINGS = {
  'phLevels.ruleSet': def({
    group: 'publicHealth',
    label: { zh: '现行风险等级规则（2020 / 2022 / current）', en: 'Rule set in force (2020 / 2022 / current)' },
    description: {
      zh: '2020：2020 年分区分级；2022：防控方案第九版；current：下列可配置数值（2022 年规则的形式）。',
      en: '2020: the 2020 zoning rules; 2022: the 9th edition plan; current: the numbers below (the 2022 shape).',
    },
    type: 'text',
    schema: z.enum(['2020', '2022', 'current'], bi('只能是 2020、2022 或 current', 'One of 2020, 2022, current')),
    default: 'current',
    scope: 'province',
    provisional: true,
    source: SRC,
  }),
  'phLevels.windowDays': def({
    group: 'publicHealth',
    label: { zh: '新增病例的统计天数', en: 'Days in which a case counts as new' },
    description: { zh: '此天数内有新增病例的乡镇建议为高风险。', en: 'A township with a case within these days is proposed high.' },
    type: 'integer',
    schema: int(1, 60),
    default: 7,
    scope: 'province',
    provisional: true,
    source: SRC,
  }),
  'phLevels.quietToMedium': def({
    group: 'publicHealth',
    label: { zh: '高风险降为中风险须连续无新增天数', en: 'Quiet days to lower high to medium' },
    description: { zh: '自最后一例病例诊断起计。', en: 'Counted from the last case’s diagnosis.' },
    type: 'integer',
    schema: int(1, 60),
    default: 7,
    scope: 'province',
    provisional: true,
    source: SRC,
  }),
  'phLevels.quietToLow': def({
    group: 'publicHealth',
    label: { zh: '降为低风险须连续无新增天数', en: 'Quiet days to lower to low' },
    description: { zh: '自最后一例病例诊断起计（2022 年规则：7 天 + 3 天）。', en: 'Counted from the last case (2022: 7 + 3 days).' },
    type: 'integer',
    schema: int(1, 90),
    default: 10,
    scope: 'province',
    provisional: true,
    source: SRC,
  }),
  'phLevels.diseases': def({
    group: 'publicHealth',
    label: { zh: '计入风险等级的病种代码（逗号分隔）', en: 'Disease codes counted for risk levels (comma-separated)' },
    description: {
      zh: '只计确诊、临床诊断病例和无症状感染者；已合并、已撤销的报告卡不计。',
      en: 'Confirmed, clinical and asymptomatic cases count; merged and revoked cards do not.',
    },
    type: 'text',
    schema: z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, bi('请填写病种代码，用逗号分隔', 'Disease codes, comma-separated')),
    default: 'covid19',
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：§7.4 的分区分级针对新冠肺炎；其他病种是否适用未见规定',
  }),
  'phLevels.maxLeadDays': def({
    group: 'publicHealth',
    label: { zh: '调整等级的生效时间最多提前天数', en: 'Days ahead an effective time may be set at most' },
    description: {
      zh: '确认或调整风险等级时，生效时间不能晚于现在加上此天数（防止远期生效的调整长期锁定该地区）。',
      en: 'A confirmed or changed level takes effect no later than now plus these days (a far-off change would lock the region).',
    },
    type: 'integer',
    schema: int(0, 30),
    default: 7,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：现行规定未见生效时间提前量的上限；默认 7 天',
  }),
} as const satisfies Record<string, SettingDef>;
