// Settings of the credit file (issue 26), spread into settings/registry.ts. No national scheme
// grades a work-safety credit file (令第11号 regulates only the serious-discredit list), so every
// weight and threshold of the level (credit/level.ts) is provisional: a province sets its own.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';
import { type CreditRule, DEFAULT_CREDIT_RULE } from './level.ts';

const NO_SCHEME =
  'UNCONFIRMED：无全国统一的安全生产信用等级评价办法（应急管理部令第11号只规定严重失信主体名单），本平台暂定分值，各省可调整';

const points = (max: number) =>
  z
    .number()
    .int(bi('应为整数', 'Must be a whole number'))
    .min(0, bi('不能小于 0', 'At least 0'))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

const ruleSetting = (key: keyof CreditRule, zh: string, en: string, max = 100) =>
  def({
    group: 'credit',
    label: { zh, en },
    description: {
      zh: `信用等级计算用分值（满分 100 起算）：${zh}。`,
      en: `Points of the credit level (from 100): ${en}.`,
    },
    type: 'integer',
    schema: points(max),
    default: DEFAULT_CREDIT_RULE[key],
    scope: 'province',
    provisional: true,
    source: NO_SCHEME,
  });

export const CREDIT_SETTINGS = {
  'credit.penalty': ruleSetting('penalty', '每项行政处罚扣分', 'Points off per penalty decided'),
  'credit.accidentOrdinary': ruleSetting('accidentOrdinary', '每起一般事故扣分', 'Points off per ordinary accident'),
  'credit.accidentMajor': ruleSetting('accidentMajor', '每起较大事故扣分', 'Points off per major accident'),
  'credit.listedHazard': ruleSetting('listedHazard', '每项挂牌督办隐患扣分', 'Points off per hazard listed for supervision'),
  'credit.overdueFix': ruleSetting('overdueFix', '每项逾期未整改隐患扣分', 'Points off per overdue fix'),
  'credit.brokenCommitment': ruleSetting('brokenCommitment', '每次违背安全承诺扣分', 'Points off per broken commitment'),
  'credit.unsignedCommitment': ruleSetting(
    'unsignedCommitment',
    '本年度未签署安全承诺扣分',
    'Points off while this year’s commitment is unsigned',
  ),
  'credit.falseReport': ruleSetting('falseReport', '中介机构每份虚假报告扣分', 'Points off per false report of an intermediary'),
  'credit.standardizationLevel1': ruleSetting('standardizationLevel1', '安全生产标准化一级加分', 'Points for standardisation level 1', 30),
  'credit.standardizationLevel2': ruleSetting('standardizationLevel2', '安全生产标准化二级加分', 'Points for standardisation level 2', 30),
  'credit.standardizationLevel3': ruleSetting('standardizationLevel3', '安全生产标准化三级加分', 'Points for standardisation level 3', 30),
  'credit.cleanYear': ruleSetting('cleanYear', '每个无处罚无事故年度加分（最多 3 年）', 'Points per clean year (at most 3)', 30),
  'credit.levelA': ruleSetting('levelA', 'A 级（守信）最低分', 'Lowest score of level A', 200),
  'credit.levelB': ruleSetting('levelB', 'B 级（基本守信）最低分', 'Lowest score of level B', 200),
  'credit.levelC': ruleSetting('levelC', 'C 级（失信）最低分', 'Lowest score of level C (below: D)', 200),
  'credit.windowMonths': def({
    group: 'credit',
    label: { zh: '信用记录计算期（月）', en: 'Months of events counted' },
    description: {
      zh: '信用等级只计算此月数内的处罚、事故、隐患和承诺记录。',
      en: 'The credit level counts penalties, accidents, hazards and commitments of this many months.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(6, bi('不能小于 6', 'At least 6'))
      .max(120, bi('不能大于 120', 'At most 120')),
    default: 36,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：取严重失信主体名单管理期限 3 年（应急管理部令第11号）作为信用记录计算期，本平台暂定',
  }),
  'credit.partnerQueriesPerMinute': def({
    group: 'credit',
    label: { zh: '联合惩戒查询接口每分钟次数（每个密钥）', en: 'Partner queries a minute, per key' },
    description: {
      zh: '新签发的合作部门密钥每分钟可查询的次数；超过后返回 429。',
      en: 'Queries a minute a newly issued partner key may make; more are answered 429.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(1_000_000, bi('不能大于 1000000', 'At most 1,000,000')),
    default: 60,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：无规定，本平台暂定的接口限流',
  }),
} as const satisfies Record<string, SettingDef>;
