// Settings of the serious-discredit list (issue 26), spread into settings/registry.ts. An UNCONFIRMED
// rule of STANDARDS-NEXT.md §4 is a setting here with that default, `provisional: true` and its source.
// Owner: blacklist.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

/** The partner departments of 安全生产法 Art. 78 ¶1 a listing is notified to (联合惩戒). */
export const DEFAULT_PARTNER_DEPARTMENTS = '行业主管部门,投资主管部门,自然资源主管部门,生态环境主管部门,证券监督管理机构,有关金融机构';

export const BLACKLIST_SETTINGS = {
  'blacklist.objectionWorkingDays': def({
    group: 'credit',
    label: { zh: '列入告知异议期（工作日）', en: 'Objection window after the notice (working days)' },
    description: {
      zh: '送达列入告知书后，当事人可在此期限内提出异议；期满或异议处理完毕后方可作出列入决定。',
      en: 'After the notice of intended listing the party may object within this many working days; the decision waits for it.',
    },
    type: 'integer',
    schema: int(1, 30),
    default: 5,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：令第11号规定列入前告知并核实异议，“告知、送达、异议处理参照行政处罚程序”（山西实施细则摘要）；异议期天数原文未核对，暂按行政处罚法第64条听证申请期5日',
  }),
  'blacklist.termYears': def({
    group: 'credit',
    label: { zh: '列入管理期限（年）', en: 'Term on the list (years)' },
    description: {
      zh: '自列入之日起计算，期满由作出决定的部门移出并停止公示。',
      en: 'From the day of listing; at its end the entry is removed and no longer published.',
    },
    type: 'integer',
    schema: int(1, 10),
    default: 3,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：令第11号管理期限3年，据山西实施细则摘要（与部令一致），部令条文序号未核对',
  }),
  'blacklist.earlyRemovalMonths': def({
    group: 'credit',
    label: { zh: '提前移出申请起算（月）', en: 'Months on the list before an early removal may be applied for' },
    description: {
      zh: '列入满此月数后，当事人可申请提前移出（信用修复）。',
      en: 'After this many months the party may apply for early removal.',
    },
    type: 'integer',
    schema: int(1, 36),
    default: 12,
    scope: 'national',
    provisional: true,
    source: 'UNCONFIRMED：令第11号列入满12个月可申请提前移出，据山西实施细则摘要，原文未核对；条件清单亦未核对',
  }),
  'blacklist.penaltyGraceDays': def({
    group: 'credit',
    label: { zh: '拒不执行处罚决定的认定期（日）', en: 'Days past the payment date before a penalty counts as not carried out' },
    description: {
      zh: '罚款缴纳期限届满后超过此日数仍未缴清的，系统提出“拒不执行处罚决定”候选。',
      en: 'A fine still owed this many days after its due date proposes the "penalty not carried out" reason.',
    },
    type: 'integer',
    schema: int(0, 365),
    default: 30,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：第8种情形“有执行能力拒不执行处罚决定”的措辞与认定期限均未核对；30日为暂定',
  }),
  'blacklist.partnerDepartments': def({
    group: 'credit',
    label: { zh: '联合惩戒通报部门', en: 'Partner departments notified of a listing' },
    description: {
      zh: '列入决定作出后通报的部门，以逗号分隔。',
      en: 'The departments a listing decision is notified to, separated by commas.',
    },
    type: 'text',
    schema: z
      .string()
      .trim()
      .min(1, bi('请填写通报部门', 'Give the departments'))
      .max(500, bi('最多 500 个字符', 'At most 500 characters')),
    default: DEFAULT_PARTNER_DEPARTMENTS,
    scope: 'province',
    provisional: false,
    source:
      '《安全生产法》第七十八条第一款：通报行业主管部门、投资主管部门、自然资源主管部门、生态环境主管部门、证券监督管理机构以及有关金融机构',
  }),
} as const satisfies Record<string, SettingDef>;
