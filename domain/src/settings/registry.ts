// The settings registry (系统设置): every value an administrator may set, declared as data in one
// place. A capability whose rule is not confirmed against a primary text (STANDARDS-NEXT.md marks
// them UNCONFIRMED) adds it here as a setting with that default, `provisional: true` and its
// source, so the web labels it 暂定 — never a silent constant in code. Values are stored per
// region (migration 029): '00' is the national value; a `scope: 'province'` setting may be
// overridden by a province (its 2-digit code), and a province without an override inherits the
// national value; a setting never set anywhere has its default.
import { z } from 'zod';
import { ASSESSMENT_SETTINGS } from '../accountability/assessment-settings.ts';
import { ACCOUNTABILITY_SETTINGS } from '../accountability/settings.ts';
import { CM_BOARD_SETTINGS } from '../command/board-settings.ts';
import { CM_DUTY_SETTINGS } from '../command/duty-settings.ts';
import { BLACKLIST_SETTINGS } from '../credit/blacklist-settings.ts';
import { CREDIT_SETTINGS } from '../credit/settings.ts';
import { DISPATCH_SETTINGS } from '../emergency/dispatch-settings.ts';
import { DRILLS_SETTINGS } from '../emergency/drills-settings.ts';
import { EMERGENCY_PLANS_SETTINGS } from '../emergency/plans-settings.ts';
import { SUPPLIES_SETTINGS } from '../emergency/supplies-settings.ts';
import { TEAMS_SETTINGS } from '../emergency/teams-settings.ts';
import { bi } from '../errors/messages.ts';
import { PEOPLE_SETTINGS } from '../people/settings.ts';
import { PH_CASES_SETTINGS } from '../public-health/cases-settings.ts';
import { PH_EVENTS_SETTINGS } from '../public-health/events-settings.ts';
import { PH_LEVELS_SETTINGS } from '../public-health/levels-settings.ts';
import { def, type SettingDef } from './define.ts';

export { def, SETTING_GROUP_LABELS, type SettingDef, type SettingGroup, type SettingScope, type SettingType } from './define.ts';

export const SETTINGS = {
  // accident settings: the daily follow-up frequency (续报频次), from a regulation read only in secondary sources
  'accidents.followUpsPerDayUpToMajor': def({
    group: 'accidents',
    label: { zh: '续报频次·一般及较大事故（次/日）', en: 'Follow-ups a day, ordinary and major accidents' },
    description: {
      zh: '一般事故、较大事故（及较大涉险事故）在终报前每日至少续报的次数；少于此数的日子在事故详情中标出。',
      en: 'Follow-up reports owed each day, until the final report, for ordinary and major accidents; days with fewer are flagged on the accident.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 1,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：《生产安全事故信息报告和处置办法》（原安监总局令第21号）“较大涉险事故、一般事故、较大事故每日至少续报1次”，据二手资料，原文未核对',
  }),
  'accidents.followUpsPerDaySeriousAndAbove': def({
    group: 'accidents',
    label: { zh: '续报频次·重大及特别重大事故（次/日）', en: 'Follow-ups a day, serious and especially serious accidents' },
    description: {
      zh: '重大事故、特别重大事故在终报前每日至少续报的次数。',
      en: 'Follow-up reports owed each day, until the final report, for serious and especially serious accidents.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 2,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：《生产安全事故信息报告和处置办法》（原安监总局令第21号）“重大事故、特别重大事故每日至少续报2次”，据二手资料，原文未核对',
  }),
  'map.approvalNumber': def({
    group: 'map',
    label: { zh: '审图号', en: 'Map approval number (审图号)' },
    description: {
      zh: '公开地图和驾驶舱地图下方显示的底图审图号；未填写时不显示。',
      en: 'The base map’s approval number shown under the public and dashboard maps; nothing is shown while empty.',
    },
    type: 'text',
    schema: z.string().trim().max(60, bi('最多 60 个字符', 'At most 60 characters')),
    default: '',
    scope: 'province',
    provisional: false,
    source: '《地图管理条例》（国务院令第664号）：地图审核制度，公开地图应载明审图号',
    public: true,
  }),
  'enforcement.reviewDays': def({
    group: 'enforcement',
    label: { zh: '整改复查期限（日）', en: 'Days to re-inspect a rectification' },
    description: {
      zh: '责令限期整改的期限届满或收到复查申请之日起，执法人员应在此日数内复查。',
      en: 'Within this many days of the rectification deadline (or of the request for a review) the inspectors re-inspect.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(60, bi('不能大于 60', 'At most 60')),
    default: 10,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：“限期届满或收到复查申请之日起 10 日内复查”，常引自原国家安全监管总局令第15号/第16号，未核对原文',
  }),
  // enforcement settings: classes and plans
  'enforcement.classPointsB': def({
    group: 'enforcement',
    label: { zh: '分类分级：B 类起始分值', en: 'Class B from (points)' },
    description: {
      zh: '企业记分达到此值即列为 B 类（D 类风险最高、检查最多；A 类风险最低）。应满足 B < C < D。',
      en: 'An enterprise with at least this many points is class B (D is the highest risk and most inspected; A the lowest). Keep B < C < D.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(-10, bi('不能小于 -10', 'At least -10'))
      .max(50, bi('不能大于 50', 'At most 50')),
    default: 2,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国家未规定 A/B/C/D 分类标准，由各省制定（山西省应急管理厅 2025-04-23、江西 2025-06-13 试行意见，阈值未公布）；本平台暂定记分：高危行业 +2，标准化一级 −1/二级 0/三级 +1/未定级或过期 +2，重大危险源一级 +4…四级 +1，≥3 处 +1，未销号重大隐患 +3',
  }),
  'enforcement.classPointsC': def({
    group: 'enforcement',
    label: { zh: '分类分级：C 类起始分值', en: 'Class C from (points)' },
    description: {
      zh: '企业记分达到此值即列为 C 类（D 类风险最高、检查最多；A 类风险最低）。应满足 B < C < D。',
      en: 'An enterprise with at least this many points is class C (D is the highest risk and most inspected; A the lowest). Keep B < C < D.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(-10, bi('不能小于 -10', 'At least -10'))
      .max(50, bi('不能大于 50', 'At most 50')),
    default: 4,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国家未规定 A/B/C/D 分类标准，由各省制定（山西省应急管理厅 2025-04-23、江西 2025-06-13 试行意见，阈值未公布）；本平台暂定记分：高危行业 +2，标准化一级 −1/二级 0/三级 +1/未定级或过期 +2，重大危险源一级 +4…四级 +1，≥3 处 +1，未销号重大隐患 +3',
  }),
  'enforcement.classPointsD': def({
    group: 'enforcement',
    label: { zh: '分类分级：D 类起始分值', en: 'Class D from (points)' },
    description: {
      zh: '企业记分达到此值即列为 D 类（D 类风险最高、检查最多；A 类风险最低）。应满足 B < C < D。',
      en: 'An enterprise with at least this many points is class D (D is the highest risk and most inspected; A the lowest). Keep B < C < D.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(-10, bi('不能小于 -10', 'At least -10'))
      .max(50, bi('不能大于 50', 'At most 50')),
    default: 6,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国家未规定 A/B/C/D 分类标准，由各省制定（山西省应急管理厅 2025-04-23、江西 2025-06-13 试行意见，阈值未公布）；本平台暂定记分：高危行业 +2，标准化一级 −1/二级 0/三级 +1/未定级或过期 +2，重大危险源一级 +4…四级 +1，≥3 处 +1，未销号重大隐患 +3',
  }),
  'enforcement.frequencyA': def({
    group: 'enforcement',
    label: { zh: 'A 类企业年度检查次数', en: 'Yearly inspections of a class A enterprise' },
    description: {
      zh: '年度监督检查计划中每家 A 类企业每年计划检查的次数。',
      en: 'How many times a year the annual plan inspects each class A enterprise.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 1,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：山西省 2025 年分类分级检查频次上限（非高危行业 标准化一级/二级/三级/未定级 每年最多 1/2/4/6 次，危化品 2/4/8/12 次）；本平台暂定计划次数 A 1、B 2、C 3、D 4，均不超过山西非高危行业上限',
  }),
  'enforcement.frequencyB': def({
    group: 'enforcement',
    label: { zh: 'B 类企业年度检查次数', en: 'Yearly inspections of a class B enterprise' },
    description: {
      zh: '年度监督检查计划中每家 B 类企业每年计划检查的次数。',
      en: 'How many times a year the annual plan inspects each class B enterprise.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 2,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：山西省 2025 年分类分级检查频次上限（非高危行业 标准化一级/二级/三级/未定级 每年最多 1/2/4/6 次，危化品 2/4/8/12 次）；本平台暂定计划次数 A 1、B 2、C 3、D 4，均不超过山西非高危行业上限',
  }),
  'enforcement.frequencyC': def({
    group: 'enforcement',
    label: { zh: 'C 类企业年度检查次数', en: 'Yearly inspections of a class C enterprise' },
    description: {
      zh: '年度监督检查计划中每家 C 类企业每年计划检查的次数。',
      en: 'How many times a year the annual plan inspects each class C enterprise.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 3,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：山西省 2025 年分类分级检查频次上限（非高危行业 标准化一级/二级/三级/未定级 每年最多 1/2/4/6 次，危化品 2/4/8/12 次）；本平台暂定计划次数 A 1、B 2、C 3、D 4，均不超过山西非高危行业上限',
  }),
  'enforcement.frequencyD': def({
    group: 'enforcement',
    label: { zh: 'D 类企业年度检查次数', en: 'Yearly inspections of a class D enterprise' },
    description: {
      zh: '年度监督检查计划中每家 D 类企业每年计划检查的次数。',
      en: 'How many times a year the annual plan inspects each class D enterprise.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(24, bi('不能大于 24', 'At most 24')),
    default: 4,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：山西省 2025 年分类分级检查频次上限（非高危行业 标准化一级/二级/三级/未定级 每年最多 1/2/4/6 次，危化品 2/4/8/12 次）；本平台暂定计划次数 A 1、B 2、C 3、D 4，均不超过山西非高危行业上限',
  }),
  'enforcement.keyClassFrom': def({
    group: 'enforcement',
    label: { zh: '重点检查起始类别', en: 'Key inspections from class' },
    description: {
      zh: '此类别及以上（风险更高）的企业列为重点检查，按计划逐家全覆盖；以下的列为一般检查，通过“双随机”抽查。填 A、B、C 或 D。',
      en: 'Enterprises of this class and above (higher risk) are key: each inspected by name; the others are general, reached by random draws. A, B, C or D.',
    },
    type: 'text',
    schema: z.enum(['A', 'B', 'C', 'D'], { message: bi('应为 A、B、C 或 D', 'A, B, C or D') }),
    default: 'C',
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：重点生产经营单位年度全覆盖、一般单位双随机（鹰潭 2024 年计划；应急〔2021〕23号）；哪些类别属“重点”各地自定，暂定 C、D 类',
  }),
  'enforcement.generalDrawPercent': def({
    group: 'enforcement',
    label: { zh: '一般检查双随机抽查比例（%）', en: 'Share of general inspections reached by draws (%)' },
    description: {
      zh: '一般检查企业按类别频次合计的检查次数中，预计通过双随机抽查完成的比例，计入年度计划和工作日测算。',
      en: 'Of the inspections the general enterprises would need at their class frequency, the share the random draws are expected to reach; counted in the plan and its capacity.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 30,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：国办发〔2015〕58号要求“合理确定”抽查比例，无全国统一比例；暂定 30%',
  }),
  'enforcement.inspectionSharePercent': def({
    group: 'enforcement',
    label: { zh: '监督检查工作日占比（%）', en: 'Share of working days for inspections (%)' },
    description: {
      zh: '工作日测算：执法人员法定工作日中可用于监督检查的比例（扣除其他执法工作日和非执法工作日）。',
      en: 'Capacity: the share of the officers’ working days left for inspections once other enforcement work and non-enforcement days are deducted.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 50,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：监督检查工作日 = 总法定工作日 − 其他执法工作日 − 非执法工作日（宽城区 2025 年计划）；比例各地自定，暂定 50%',
  }),
  'enforcement.daysPerInspection': def({
    group: 'enforcement',
    label: { zh: '每次检查所需工作日', en: 'Working days per inspection' },
    description: {
      zh: '两名执法人员完成一次现场检查（含准备、文书）所需的工作日数；所需人日 = 检查次数 × 此值 × 2 人。',
      en: 'Working days a team of two officers spends on one inspection (preparation and papers included); officer-days = inspections × this × 2.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(10, bi('不能大于 10', 'At most 10')),
    default: 1,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：安监总政法〔2017〕150号要求按执法人员数量和能力测算，未规定每次检查工日；暂定 1 日',
  }),
  // enforcement settings: draws
  'enforcement.drawWeightA': def({
    group: 'enforcement',
    label: { zh: '双随机抽取权重：A 类', en: 'Random draw weight: class A' },
    description: {
      zh: '“双随机”抽取时 A 类企业的权重（整数）：权重为 2 的企业被抽中的机会是权重为 1 的两倍。新建抽取时的默认值，可在抽取时调整。',
      en: 'The weight of a class A enterprise in a random draw (a whole number): weight 2 is twice as likely as weight 1. The default of a new draw, which may change it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 1,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国办发〔2015〕58号只要求对问题多、风险高者“加大抽查力度”，未规定比例；默认值按本平台分类分级的含义（A 类风险最低、D 类最高，domain/src/enforcement/classes.ts）使风险越高者被抽中的机会越大',
  }),
  'enforcement.drawWeightB': def({
    group: 'enforcement',
    label: { zh: '双随机抽取权重：B 类', en: 'Random draw weight: class B' },
    description: {
      zh: '“双随机”抽取时 B 类企业的权重（整数）：权重为 2 的企业被抽中的机会是权重为 1 的两倍。新建抽取时的默认值，可在抽取时调整。',
      en: 'The weight of a class B enterprise in a random draw (a whole number): weight 2 is twice as likely as weight 1. The default of a new draw, which may change it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 2,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国办发〔2015〕58号只要求对问题多、风险高者“加大抽查力度”，未规定比例；默认值按本平台分类分级的含义（A 类风险最低、D 类最高，domain/src/enforcement/classes.ts）使风险越高者被抽中的机会越大',
  }),
  'enforcement.drawWeightC': def({
    group: 'enforcement',
    label: { zh: '双随机抽取权重：C 类', en: 'Random draw weight: class C' },
    description: {
      zh: '“双随机”抽取时 C 类企业的权重（整数）：权重为 2 的企业被抽中的机会是权重为 1 的两倍。新建抽取时的默认值，可在抽取时调整。',
      en: 'The weight of a class C enterprise in a random draw (a whole number): weight 2 is twice as likely as weight 1. The default of a new draw, which may change it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 3,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国办发〔2015〕58号只要求对问题多、风险高者“加大抽查力度”，未规定比例；默认值按本平台分类分级的含义（A 类风险最低、D 类最高，domain/src/enforcement/classes.ts）使风险越高者被抽中的机会越大',
  }),
  'enforcement.drawWeightD': def({
    group: 'enforcement',
    label: { zh: '双随机抽取权重：D 类', en: 'Random draw weight: class D' },
    description: {
      zh: '“双随机”抽取时 D 类企业的权重（整数）：权重为 2 的企业被抽中的机会是权重为 1 的两倍。新建抽取时的默认值，可在抽取时调整。',
      en: 'The weight of a class D enterprise in a random draw (a whole number): weight 2 is twice as likely as weight 1. The default of a new draw, which may change it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(100, bi('不能大于 100', 'At most 100')),
    default: 4,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国办发〔2015〕58号只要求对问题多、风险高者“加大抽查力度”，未规定比例；默认值按本平台分类分级的含义（A 类风险最低、D 类最高，domain/src/enforcement/classes.ts）使风险越高者被抽中的机会越大',
  }),
  'enforcement.drawLeadHours': def({
    group: 'enforcement',
    label: { zh: '双随机承诺至抽取的最短间隔（小时）', en: 'Hours between a draw’s commitment and its draw time, at least' },
    description: {
      zh: '公示抽取承诺（名单哈希）后，至少经过此小时数才能到达抽取时间，以保证公开随机值在承诺时尚未产生。',
      en: 'A draw’s announced time is at least this many hours after its commitment is published, so the public value did not exist when the lists were committed to.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(720, bi('不能大于 720', 'At most 720')),
    default: 24,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：未见规定；默认 24 小时为本平台的做法（承诺须早于公开随机值的产生）',
  }),
  // enforcement settings: inspections
  'enforcement.covertQuotaCounty': def({
    group: 'enforcement',
    label: { zh: '县级明查暗访年度任务（次）', en: 'Covert visits a county organ owes a year' },
    description: {
      zh: '县级执法机构每年应开展明查暗访的最少次数；执法统计据此计算明查暗访任务完成率。',
      en: 'The fewest covert (明查暗访) inspections a county-level organ makes a year; the statistics compute the quota completion from it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(365, bi('不能大于 365', 'At most 365')),
    default: 3,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：“每年开展明查暗访不少于3次，设区市层面不少于5次”（需求种子 000），原文件未核对',
  }),
  'enforcement.covertQuotaCity': def({
    group: 'enforcement',
    label: { zh: '设区市明查暗访年度任务（次）', en: 'Covert visits a city organ owes a year' },
    description: {
      zh: '设区市层面每年应开展明查暗访的最少次数；执法统计据此计算明查暗访任务完成率。',
      en: 'The fewest covert (明查暗访) inspections a city-level organ makes a year; the statistics compute the quota completion from it.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(365, bi('不能大于 365', 'At most 365')),
    default: 5,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：“每年开展明查暗访不少于3次，设区市层面不少于5次”（需求种子 000），原文件未核对',
  }),
  // enforcement settings: cases
  'enforcement.caseStatementDays': def({
    group: 'enforcement',
    label: { zh: '陈述申辩期限（日）', en: 'Days for the party’s statement' },
    description: {
      zh: '行政处罚告知书送达后，当事人可在此日数内陈述、申辩；期满（或当事人放弃）后案件方可提交审核。',
      en: 'After the notice of the intended penalty the party may make a statement within this many days; the case goes to review after that (or once the party waives it).',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(30, bi('不能大于 30', 'At most 30')),
    default: 3,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：2017 年式样《行政处罚告知书》写“收到告知书 3 日内”，行政处罚法（2021）未规定陈述申辩的日数',
  }),
  'enforcement.hearingThresholdYuan': def({
    group: 'enforcement',
    label: { zh: '听证罚款数额标准（元）', en: 'Fine that gives the right to a hearing (yuan)' },
    description: {
      zh: '拟罚款达到此数额（或拟责令停产停业、吊销许可证照）时，告知当事人有要求听证的权利（行政处罚法第六十三条“较大数额罚款”）。',
      en: 'A proposed fine of at least this amount (or a suspension or revocation) gives the party the right to a hearing (行政处罚法 Art. 63, “a large fine”).',
    },
    type: 'integer',
    schema: z.number().int(bi('应为整数', 'Must be a whole number')).min(1, bi('不能小于 1', 'At least 1')).max(10_000_000),
    default: 50_000,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：“较大数额”由各省规定，常见对单位 5 万元以上；行政处罚法（2021）第六十三条',
  }),
  'enforcement.hearingThresholdPersonYuan': def({
    group: 'enforcement',
    label: { zh: '听证罚款数额标准·个人（元）', en: 'Fine on a person that gives the right to a hearing (yuan)' },
    description: {
      zh: '对个人（直接负责的主管人员和其他直接责任人员）拟罚款达到此数额时，告知其有要求听证的权利。',
      en: 'A proposed fine on a person of at least this amount gives them the right to a hearing.',
    },
    type: 'integer',
    schema: z.number().int(bi('应为整数', 'Must be a whole number')).min(1, bi('不能小于 1', 'At least 1')).max(10_000_000),
    default: 20_000,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：原《安全生产违法行为行政处罚办法》（原安监总局令第15号）第三十三条：省级未规定时对个人 2 万元以上、对单位 5 万元以上（据记忆，待核对原文）',
  }),
  'enforcement.caseDecisionWarnDays': def({
    group: 'enforcement',
    label: { zh: '处罚决定期限预警（立案后第几日）', en: 'Warn about the decision deadline from day' },
    description: {
      zh: '立案后到此日数仍未作出决定的案件标为即将到期（法定期限为立案之日起 90 日，行政处罚法第六十条）。',
      en: 'Cases still undecided this many days after filing are flagged as due soon (the limit is 90 days, 行政处罚法 Art. 60).',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(89, bi('不能大于 89', 'At most 89')),
    default: 75,
    scope: 'province',
    provisional: false,
    source: '平台预警设置（非法定）；期限依据：行政处罚法（2021）第六十条',
  }),
  'enforcement.publicationWorkingDays': def({
    group: 'enforcement',
    label: { zh: '处罚决定公开期限（工作日）', en: 'Working days to publish a decision' },
    description: {
      zh: '作出行政处罚决定后，应在此数个工作日内向社会公开。',
      en: 'A penalty decision is published within this many working days of the decision.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(30, bi('不能大于 30', 'At most 30')),
    default: 7,
    scope: 'province',
    provisional: false,
    source: '安全生产法（2021）第七十八条第二款：作出处罚决定后七个工作日内在监督管理部门公示系统予以公开',
  }),
  // issue 26: each part declares its settings beside its rules
  ...CREDIT_SETTINGS,
  ...BLACKLIST_SETTINGS,
  ...ACCOUNTABILITY_SETTINGS,
  ...ASSESSMENT_SETTINGS,
  ...PEOPLE_SETTINGS,
  ...EMERGENCY_PLANS_SETTINGS,
  ...DRILLS_SETTINGS,
  ...SUPPLIES_SETTINGS,
  ...DISPATCH_SETTINGS,
  ...TEAMS_SETTINGS,
  ...PH_CASES_SETTINGS,
  ...PH_EVENTS_SETTINGS,
  ...PH_LEVELS_SETTINGS,
  ...CM_BOARD_SETTINGS,
  ...CM_DUTY_SETTINGS,
} as const satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** The region code a setting is stored under: '00' for the national value, else the province's 2 digits. */
export const NATIONAL_SETTING_REGION = '00';

/** The province (2 digits) of a 12-digit region code, or of a shorter prefix. */
export const provinceOfRegion = (regionCode: string) => regionCode.slice(0, 2);

export type StoredValues = { national?: unknown; province?: unknown };

/** A stored value as the setting's type, or undefined when it is absent or no longer valid. */
function parsed<S extends z.ZodType>(def: SettingDef<S>, value: unknown): z.output<S> | undefined {
  if (value === undefined || value === null) return undefined;
  const r = def.schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Where the value in force comes from, for any setting's definition (the rule behind settingOrigin). */
export function originIn(def: SettingDef, values: StoredValues): 'province' | 'national' | 'default' {
  if (def.scope === 'province' && parsed(def, values.province) !== undefined) return 'province';
  return parsed(def, values.national) !== undefined ? 'national' : 'default';
}

/** The value in force for any setting's definition (the rule behind settingValue). */
export function valueIn<S extends z.ZodType>(def: SettingDef<S>, values: StoredValues): z.output<S> {
  const origin = originIn(def, values);
  return origin === 'default' ? def.default : (parsed(def, values[origin]) as z.output<S>);
}

/**
 * The value in force: the province's override (only for a province-scoped setting), else the
 * national value, else the default. A stored value the schema no longer accepts (the schema was
 * tightened after it was saved) is passed over rather than used.
 */
export function settingValue<K extends SettingKey>(key: K, values: StoredValues): SettingValue<K> {
  return valueIn(SETTINGS[key] as SettingDef, values) as SettingValue<K>;
}

/** Where the value in force comes from. */
export const settingOrigin = (key: SettingKey, values: StoredValues) => originIn(SETTINGS[key] as SettingDef, values);
