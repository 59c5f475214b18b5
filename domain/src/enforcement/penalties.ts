// Penalty guidance (裁量): the 安全生产法 (2021修正, in force 2021-09-01) Art. 92–116 penalty grid as
// data, the range a decided fine must fall in, Art. 114's accident fines by grade (for the accidents
// capability too), Art. 112's daily penalty and 行政处罚法 Art. 72's late fee. Source of every figure:
// STANDARDS-NEXT §3.4 and §1.8 (安全生产法 2021 text).
//
// Ranges are [min, max] in yuan, both inclusive. Where the law says only "不超过 N 万元" (≤10万) the
// minimum is 0, meaning "no statutory floor": any positive amount up to the cap is lawful (a fine of
// 0 is no fine). A tier the article does not fine is absent; an amount asked for there is refused.
import type { AccidentGrade } from '../whistleblowing/rewards.ts';

export type Range = readonly [number, number];
type Bilingual = { zh: string; en: string };

/**
 * Whom a tier fines: the unit at first instance (首次), the unit when it did not correct in time or
 * the circumstances are aggravated (逾期未改正 / 情节严重), the person directly responsible (直接负责
 * 的主管人员和其他直接责任人员), and for Art. 98 that person when aggravated.
 */
export const PENALTY_TIERS = ['first', 'aggravated', 'person', 'personAggravated'] as const;
export type PenaltyTier = (typeof PENALTY_TIERS)[number];
export const PENALTY_TIER_LABELS: Record<PenaltyTier, Bilingual> = {
  first: { zh: '单位（首次）', en: 'Unit (first instance)' },
  aggravated: { zh: '单位（逾期未改正 / 情节严重）', en: 'Unit (not corrected / aggravated)' },
  person: { zh: '直接负责的主管人员和其他直接责任人员', en: 'Persons directly responsible' },
  personAggravated: { zh: '直接责任人员（情节严重）', en: 'Persons directly responsible (aggravated)' },
};

/** A fine that is a share of the person's previous year's income (Art. 95, 96, 110), by accident grade where it varies. */
export type IncomeShare = { range: Range } | { byGrade: Record<AccidentGrade, number> };

export type PenaltyArticle = {
  key: string;
  /** 第九十七条 … */
  article: Bilingual;
  violation: Bilingual;
  /** Fixed ranges in yuan per tier; a tier absent is not fined in yuan by this article. */
  ranges: Partial<Record<PenaltyTier, Range>>;
  /** Other measures the article gives (停产停业整顿, 吊销…), for the decision's text. */
  measures?: Bilingual;
  /** Aggravated tier when illegal gains are ≥ 100,000 yuan: this multiple of the gains (Art. 92, 103). */
  gainsMultiple?: Range;
  /** Fines on a person as a share of last year's income (applies to tier 'person' or 'first' as noted). */
  incomeShare?: { tier: PenaltyTier; share: IncomeShare };
  /** The fine follows the accident's grade (Art. 114, see accidentFineRange). */
  byAccidentGrade?: boolean;
  /** Suspension (停产停业整顿) may be decided at the aggravated tier. */
  suspension?: boolean;
};

const W = 10_000;
const a = (n: string, zh: string) => ({ key: n, article: { zh: `第${zh}条`, en: `Art. ${n.replace(/-.*/, '')}` } });

/** The grid, in the order of the law. Keys are the article number; a second violation of one article adds `-2`. */
export const PENALTY_ARTICLES: readonly PenaltyArticle[] = [
  {
    ...a('92', '九十二'),
    violation: { zh: '承担安全评价、认证、检测、检验职责的机构出具失实报告', en: 'Assessment or testing body issued an untrue report' },
    ranges: { first: [3 * W, 10 * W], aggravated: [10 * W, 20 * W], person: [5 * W, 10 * W] },
    gainsMultiple: [2, 5],
    measures: { zh: '停业整顿；情节严重的吊销资质，五年内不得从事', en: 'Suspension; in serious cases the licence is revoked' },
    suspension: true,
  },
  {
    ...a('93', '九十三'),
    violation: { zh: '不保证安全生产所必需的资金投入', en: 'Necessary safety funding not provided' },
    ranges: { person: [2 * W, 20 * W] },
    measures: {
      zh: '责令限期改正，提供必需的资金；逾期未改正的责令停产停业整顿',
      en: 'Order to provide the funds; suspension if not corrected',
    },
    suspension: true,
  },
  {
    ...a('94', '九十四'),
    violation: { zh: '主要负责人未履行安全生产管理职责', en: 'Principal officer failed in safety duties' },
    ranges: { first: [2 * W, 5 * W], aggravated: [5 * W, 10 * W] },
    measures: { zh: '逾期未改正的责令生产经营单位停产停业整顿', en: 'Suspension of the unit if not corrected' },
    suspension: true,
  },
  {
    ...a('95', '九十五'),
    violation: { zh: '主要负责人未履行职责导致发生生产安全事故', en: 'Principal officer’s failure caused an accident' },
    ranges: {},
    incomeShare: { tier: 'person', share: { byGrade: { ordinary: 0.4, major: 0.6, serious: 0.8, especiallySerious: 1 } } },
  },
  {
    ...a('96', '九十六'),
    violation: { zh: '其他负责人和安全生产管理人员未履行安全生产管理职责', en: 'Other officers or safety managers failed in their duties' },
    ranges: { first: [1 * W, 3 * W] },
    incomeShare: { tier: 'person', share: { range: [0.2, 0.5] } },
    measures: { zh: '导致事故的暂停或吊销有关资格', en: 'Qualification suspended or revoked if an accident resulted' },
  },
  {
    ...a('97', '九十七'),
    violation: {
      zh: '未按规定设置安全机构或配备人员、未按规定培训、未如实记录隐患排查治理、未制定应急预案或未定期演练、特种作业人员无证上岗等',
      en: 'No safety staff, training, hazard records or emergency plan and drills; uncertified special operators',
    },
    ranges: { first: [0, 10 * W], aggravated: [10 * W, 20 * W], person: [2 * W, 5 * W] },
    measures: { zh: '逾期未改正的责令停产停业整顿', en: 'Suspension if not corrected' },
    suspension: true,
  },
  {
    ...a('98', '九十八'),
    violation: {
      zh: '矿山、金属冶炼或危险物品建设项目未安全评价、未经审查、未按设计施工或未经验收投入使用',
      en: 'Mine, metallurgy or hazardous-goods project without assessment, approved design or acceptance',
    },
    ranges: { first: [10 * W, 50 * W], aggravated: [50 * W, 100 * W], person: [2 * W, 5 * W], personAggravated: [5 * W, 10 * W] },
    measures: { zh: '责令停止建设或者停产停业整顿', en: 'Construction stopped or suspension' },
    suspension: true,
  },
  {
    ...a('99', '九十九'),
    violation: {
      zh: '未设置安全警示标志、设备不符合标准、未经常性维护检测、关闭破坏监控报警设备或篡改数据、使用淘汰工艺设备等',
      en: 'No warning signs, substandard or unmaintained equipment, monitoring disabled or data tampered, obsolete processes',
    },
    ranges: { first: [0, 5 * W], aggravated: [5 * W, 20 * W], person: [1 * W, 2 * W] },
    measures: { zh: '情节严重的责令停产停业整顿', en: 'Suspension in serious cases' },
    suspension: true,
  },
  {
    ...a('101', '一百零一'),
    violation: {
      zh: '危险物品无专门制度措施、重大危险源未登记评估监控、危险作业无专人现场管理、未建立风险分级管控或隐患排查治理制度、重大隐患未报告',
      en: 'Hazardous goods or major hazard installations unmanaged, no risk grading or hazard system, major hazard not reported',
    },
    ranges: { first: [0, 10 * W], aggravated: [10 * W, 20 * W], person: [2 * W, 5 * W] },
    measures: { zh: '逾期未改正的责令停产停业整顿', en: 'Suspension if not corrected' },
    suspension: true,
  },
  {
    ...a('102', '一百零二'),
    violation: { zh: '未采取措施消除事故隐患', en: 'Hazard not eliminated' },
    ranges: { first: [0, 5 * W], person: [5 * W, 10 * W] },
    measures: { zh: '责令立即消除或限期消除；拒不执行的责令停产停业整顿', en: 'Order to eliminate; suspension if refused' },
    suspension: true,
  },
  {
    ...a('103', '一百零三'),
    violation: {
      zh: '将生产经营项目、场所、设备发包或出租给不具备安全生产条件的单位或个人',
      en: 'Work or premises let to a party without safety conditions',
    },
    ranges: { aggravated: [10 * W, 20 * W], person: [1 * W, 2 * W] },
    gainsMultiple: [2, 5],
    measures: { zh: '责令限期改正，没收违法所得', en: 'Correction ordered, illegal gains confiscated' },
  },
  {
    ...a('103-2', '一百零三'),
    violation: { zh: '未与承包、承租单位签订安全生产管理协议或未统一协调管理', en: 'No safety agreement with contractors or tenants' },
    ranges: { first: [0, 5 * W], person: [0, 1 * W] },
    measures: { zh: '逾期未改正的责令停产停业整顿', en: 'Suspension if not corrected' },
    suspension: true,
  },
  {
    ...a('104', '一百零四'),
    violation: {
      zh: '同一作业区域内未签订安全生产管理协议或未指定专职人员协调',
      en: 'Shared work area without an agreement or coordinator',
    },
    ranges: { first: [0, 5 * W], person: [0, 1 * W] },
    measures: { zh: '逾期未改正的责令停产停业', en: 'Suspension if not corrected' },
    suspension: true,
  },
  {
    ...a('105', '一百零五'),
    violation: {
      zh: '危险物品车间、仓库与员工宿舍在同一建筑物内或距离不符合要求；出口、疏散通道不符合要求或被封闭、堵塞',
      en: 'Hazardous workshop or store shares a building with dormitories; exits blocked or locked',
    },
    ranges: { first: [0, 5 * W], person: [0, 1 * W] },
    measures: { zh: '逾期未改正的责令停产停业整顿', en: 'Suspension if not corrected' },
    suspension: true,
  },
  {
    ...a('106', '一百零六'),
    violation: {
      zh: '与从业人员订立协议免除或减轻其对从业人员伤亡依法应承担的责任',
      en: 'Agreement waiving liability for injury to employees',
    },
    ranges: { person: [2 * W, 10 * W] },
    measures: { zh: '协议无效', en: 'The agreement is void' },
  },
  {
    ...a('108', '一百零八'),
    violation: { zh: '拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查', en: 'Inspection refused or obstructed' },
    ranges: { aggravated: [2 * W, 20 * W], person: [1 * W, 2 * W] },
    measures: { zh: '责令改正；拒不改正的处罚款', en: 'Correction ordered; fined if refused' },
  },
  {
    ...a('109', '一百零九'),
    violation: { zh: '高危行业领域未按规定投保安全生产责任保险', en: 'No safety liability insurance in a high-risk field' },
    ranges: { first: [5 * W, 10 * W], aggravated: [10 * W, 20 * W] },
  },
  {
    ...a('110', '一百一十'),
    violation: {
      zh: '主要负责人在事故时不立即组织抢救、擅离职守、逃匿或瞒报谎报迟报',
      en: 'Principal officer failed to lead the rescue, left, fled or concealed the accident',
    },
    ranges: {},
    incomeShare: { tier: 'person', share: { range: [0.6, 1] } },
    measures: { zh: '降级、撤职；逃匿的由公安机关处十五日以下拘留', en: 'Demotion or dismissal; detention by the police if fled' },
  },
  {
    ...a('114', '一百一十四'),
    violation: { zh: '发生生产安全事故，对负有责任的生产经营单位罚款', en: 'Unit responsible for an accident' },
    ranges: {},
    byAccidentGrade: true,
  },
];

export const PENALTY_ARTICLE_KEYS = PENALTY_ARTICLES.map((p) => p.key);

export function penaltyArticle(key: string): PenaltyArticle | undefined {
  return PENALTY_ARTICLES.find((p) => p.key === key);
}

/**
 * 安全生产法 Art. 114 ¶1: the fine on the unit responsible for an accident, by grade (STANDARDS-NEXT §1.8).
 * ¶2 (情节特别严重、影响特别恶劣): two to five times these amounts — `severe` gives that range.
 */
export function accidentFineRange(grade: AccidentGrade, severe = false): Range {
  const base: Record<AccidentGrade, Range> = {
    ordinary: [30 * W, 100 * W],
    major: [100 * W, 200 * W],
    serious: [200 * W, 1000 * W],
    especiallySerious: [1000 * W, 2000 * W],
  };
  const [lo, hi] = base[grade];
  return severe ? [lo * 2, hi * 5] : [lo, hi];
}

/** What the fine depends on beyond the article and tier (illegal gains, income, the accident's grade). */
export type PenaltyBasis = { illegalGains?: number; annualIncome?: number; accidentGrade?: AccidentGrade; severe?: boolean };

/** The lawful range for this article and tier, or null when the article fines no one at that tier in yuan. */
export function penaltyRange(key: string, tier: PenaltyTier, basis: PenaltyBasis = {}): Range | null {
  const p = penaltyArticle(key);
  if (!p) return null;
  if (p.byAccidentGrade)
    return tier === 'first' || tier === 'aggravated'
      ? accidentFineRange(basis.accidentGrade ?? 'ordinary', tier === 'aggravated' || basis.severe)
      : null;
  if (p.gainsMultiple && tier === 'aggravated' && (basis.illegalGains ?? 0) >= 10 * W) {
    const g = basis.illegalGains as number;
    return [g * p.gainsMultiple[0], g * p.gainsMultiple[1]];
  }
  if (p.incomeShare && p.incomeShare.tier === tier && !(tier in p.ranges)) {
    const income = basis.annualIncome;
    if (income === undefined) return null;
    const s = p.incomeShare.share;
    if ('range' in s) return [round2(income * s.range[0]), round2(income * s.range[1])];
    const share = s.byGrade[basis.accidentGrade ?? 'ordinary'];
    return [round2(income * share), round2(income * share)];
  }
  return p.ranges[tier] ?? null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type AmountCheck =
  | { ok: true; range: Range }
  | { ok: false; reason: 'unknownArticle' | 'noFine' | 'outOfRange'; range: Range | null; message: Bilingual };

/** The range as a sentence for the 400 and the form: 罚款应在 20000–50000 元之间 / 罚款不得超过 100000 元. */
export function rangeText(r: Range): Bilingual {
  if (r[0] === 0) return { zh: `罚款不得超过 ${r[1]} 元`, en: `The fine may not exceed ${r[1]} yuan` };
  if (r[0] === r[1]) return { zh: `罚款应为 ${r[0]} 元`, en: `The fine must be ${r[0]} yuan` };
  return { zh: `罚款应在 ${r[0]}–${r[1]} 元之间`, en: `The fine must be between ${r[0]} and ${r[1]} yuan` };
}

/** Whether `amount` (yuan) is lawful for this article and tier: inside the range, and positive. */
export function checkAmount(key: string, tier: PenaltyTier, amount: number, basis: PenaltyBasis = {}): AmountCheck {
  const p = penaltyArticle(key);
  if (!p) return { ok: false, reason: 'unknownArticle', range: null, message: { zh: '违法条款不正确', en: 'Unknown article' } };
  const range = penaltyRange(key, tier, basis);
  if (!range)
    return {
      ok: false,
      reason: 'noFine',
      range: null,
      message: {
        zh: `${p.article.zh}对“${PENALTY_TIER_LABELS[tier].zh}”不设固定罚款数额`,
        en: `${p.article.en} sets no fine for this tier`,
      },
    };
  if (!(amount > 0) || amount < range[0] || amount > range[1]) return { ok: false, reason: 'outOfRange', range, message: rangeText(range) };
  return { ok: true, range };
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/**
 * 加处罚款 (行政处罚法 Art. 72 ¶1(一)): 3 % of the fine for each day after the due date up to the
 * day of payment (or today), in total never more than the fine itself. Amounts in yuan, to the fen.
 */
export function lateFee(fine: number, dueDate: string, paidOrToday: string): { days: number; amount: number } {
  const days = Math.max(0, dayNumber(paidOrToday) - dayNumber(dueDate));
  const fen = Math.round(fine * 100);
  const amount = Math.min(fen, Math.round(fen * 0.03 * days)) / 100;
  return { days, amount };
}

/**
 * 按日连续处罚 (安全生产法 Art. 112): a unit fined and ordered to correct that refuses is fined the
 * original amount again for each day from the day after the correction order. Days from the day
 * after `orderDate` to `until` inclusive.
 */
export function dailyPenaltyDays(orderDate: string, until: string): number {
  return Math.max(0, dayNumber(until) - dayNumber(orderDate));
}
