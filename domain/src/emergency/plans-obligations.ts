// Which units must file their emergency plans, and whether a plan is 评审 (reviewed by experts) or
// 论证 (demonstrated) — issue 27, owner: plans. Read over the enterprise directory's own fields
// (GB/T 4754-2017 industry code, the high-risk flags, employees, revenue) and, where the caller
// knows it, the unit's major hazard installations.
//
// Sources (STANDARDS-NEXT §5):
// - 生产安全事故应急条例 (国务院令第708号) Art. 7: 易燃易爆物品、危险化学品等危险物品的生产、经营、
//   储存、运输单位，矿山、金属冶炼、城市轨道交通运营、建筑施工单位，以及宾馆、商场、娱乐场所、
//   旅游景区等人员密集场所经营单位 → 报县级以上负有监管职责部门备案 (also the half-yearly drill
//   rule of Art. 8, read by the drills part).
// - 生产安全事故应急预案管理办法 (令第88号, 令第2号修正) Art. 21: 矿山、金属冶炼、建筑施工企业和
//   易燃易爆物品、危险化学品的生产、经营（带储存设施的）、储存、运输企业，以及使用危险化学品达到
//   国家规定数量的化工企业、烟花爆竹生产、批发经营企业和中型规模以上的其他生产经营单位 → 评审;
//   其他单位 → 论证. Art. 26 ¶3: the filing of other units' plans is decided by the province
//   (the setting emergencyPlans.othersMustFile, provisional).
// - 中型规模: 《统计上大中小微型企业划分办法(2017)》 lower bounds of 中型 (both figures must be met
//   where the table names two; the directory keeps no total assets, so construction and real estate
//   read revenue only and leasing/business services read employees only).
import type { HighRiskFlag } from '../enterprises/safety-director.ts';

type Label = { zh: string; en: string };

/** What the rules read of a unit: the directory's fields, plus what the risk register knows. */
export type EmergencyPlansUnit = {
  industryCode: string;
  highRisk: readonly (HighRiskFlag | string)[];
  employees?: number | null;
  revenueWan?: number | null;
  /** Major hazard installations (重大危险源) registered for the unit: dangerous goods above the threshold. */
  majorHazardInstallations?: number;
  /** A chemical enterprise using hazardous chemicals in the state-set quantity (令第88号 Art. 21); not in the directory. */
  usesHazardousChemicalsAboveThreshold?: boolean;
};

export const DECREE708_KINDS = ['dangerousGoods', 'mining', 'metallurgy', 'urbanRail', 'construction', 'crowdedPlace'] as const;
export type Decree708Kind = (typeof DECREE708_KINDS)[number];

export const DECREE708_KIND_LABELS: Record<Decree708Kind, Label> = {
  dangerousGoods: { zh: '危险物品生产、经营、储存、运输单位', en: 'Dangerous goods production, trade, storage or transport' },
  mining: { zh: '矿山', en: 'Mining' },
  metallurgy: { zh: '金属冶炼', en: 'Metal smelting' },
  urbanRail: { zh: '城市轨道交通运营', en: 'Urban rail transit operation' },
  construction: { zh: '建筑施工', en: 'Construction' },
  crowdedPlace: { zh: '宾馆、商场、娱乐场所、旅游景区等人员密集场所', en: 'Crowded place (hotel, mall, entertainment venue, scenic area)' },
};

const startsWithAny = (code: string, prefixes: readonly string[]) => prefixes.some((p) => code.startsWith(p));

/**
 * GB/T 4754-2017 codes read as each Art. 7 kind. A division code ("52") cannot say 商场 or 加油站,
 * so those need the class code ("5211", "5265"); the high-risk flags cover the rest.
 */
export const DECREE708_INDUSTRY_PREFIXES: Record<Decree708Kind, readonly string[]> = {
  // 25 石油煤炭燃料加工, 26 化学原料和化学制品 (incl. 2671 炸药, 2672 烟花爆竹), 45 燃气生产和供应,
  // 57 管道运输; 5162 石油及制品批发, 5167 农药批发, 5169 其他化工产品批发;
  // 5265/5266 机动车燃油/燃气零售 (加油站、加气站); 5435 危险货物道路运输; 594 危险品仓储.
  dangerousGoods: ['25', '26', '45', '57', '5162', '5167', '5169', '5265', '5266', '5435', '594'],
  mining: ['06', '07', '08', '09', '10', '11', '12'],
  metallurgy: ['31', '32'],
  urbanRail: ['5412'],
  construction: ['47', '48', '49', '50'],
  // 61 住宿业 (宾馆), 5211 百货零售 / 5212 超级市场零售 (商场), 90 娱乐业, 786 游览景区管理.
  crowdedPlace: ['61', '5211', '5212', '90', '786'],
};

const FLAG_KINDS: Partial<Record<string, Decree708Kind>> = {
  hazardousChemicals: 'dangerousGoods',
  mining: 'mining',
  metallurgy: 'metallurgy',
  construction: 'construction',
};

/** The Art. 7 kinds a unit falls under (empty: not a Decree 708 unit). */
export function decree708Kinds(e: EmergencyPlansUnit): Decree708Kind[] {
  const kinds = new Set<Decree708Kind>();
  const code = (e.industryCode ?? '').trim();
  for (const k of DECREE708_KINDS) if (startsWithAny(code, DECREE708_INDUSTRY_PREFIXES[k])) kinds.add(k);
  for (const f of e.highRisk) {
    const k = FLAG_KINDS[f];
    if (k) kinds.add(k);
  }
  // A major hazard installation is dangerous goods stored or used above the threshold (GB 18218).
  if ((e.majorHazardInstallations ?? 0) > 0) kinds.add('dangerousGoods');
  return DECREE708_KINDS.filter((k) => kinds.has(k));
}

/** Decree 708 Art. 7 unit: must file its plans, drill every half year (Art. 8), keep duty (Art. 14). */
export function isDecree708Unit(e: EmergencyPlansUnit): boolean {
  return decree708Kinds(e).length > 0;
}

/**
 * Must the unit file its plans with the county-or-higher department? The Art. 7 units always;
 * the others when the province says so (令第88号 Art. 26 ¶3; setting emergencyPlans.othersMustFile).
 */
export function mustFilePlans(e: EmergencyPlansUnit, opts: { othersMustFile?: boolean } = {}): boolean {
  return isDecree708Unit(e) || opts.othersMustFile === true;
}

/** 中型 lower bounds by industry (统计上大中小微型企业划分办法 2017): employees and revenue (万元), null = not read. */
type SizeBound = { prefixes: readonly string[]; employees: number | null; revenueWan: number | null };
export const MEDIUM_SIZE_BOUNDS: readonly SizeBound[] = [
  { prefixes: ['01', '02', '03', '04', '05'], employees: null, revenueWan: 500 },
  { prefixes: ['47', '48', '49', '50'], employees: null, revenueWan: 6000 },
  { prefixes: ['51'], employees: 20, revenueWan: 5000 },
  { prefixes: ['52'], employees: 50, revenueWan: 500 },
  { prefixes: ['59'], employees: 100, revenueWan: 1000 },
  { prefixes: ['60'], employees: 300, revenueWan: 2000 },
  { prefixes: ['53', '54', '55', '56', '57', '58'], employees: 300, revenueWan: 3000 },
  { prefixes: ['61', '62'], employees: 100, revenueWan: 2000 },
  { prefixes: ['63', '64', '65'], employees: 100, revenueWan: 1000 },
  { prefixes: ['7020'], employees: 300, revenueWan: 1000 },
  { prefixes: ['70'], employees: null, revenueWan: 1000 },
  { prefixes: ['71', '72'], employees: 100, revenueWan: null },
  // 工业: 采矿、制造、电力热力燃气水.
  {
    prefixes: ['06', '07', '08', '09', '10', '11', '12', ...Array.from({ length: 34 }, (_, i) => String(13 + i))],
    employees: 300,
    revenueWan: 2000,
  },
];
const OTHER_MEDIUM_EMPLOYEES = 100;

/** 中型规模以上: both lower bounds met where the table names two; unknown figures do not count. */
export function isMediumOrLarger(e: EmergencyPlansUnit): boolean {
  const code = (e.industryCode ?? '').trim();
  const bound = MEDIUM_SIZE_BOUNDS.find((b) => startsWithAny(code, b.prefixes));
  const emp = e.employees ?? null;
  const rev = e.revenueWan ?? null;
  if (!bound) return emp !== null && emp >= OTHER_MEDIUM_EMPLOYEES;
  if (bound.employees !== null && (emp === null || emp < bound.employees)) return false;
  if (bound.revenueWan !== null && (rev === null || rev < bound.revenueWan)) return false;
  return true;
}

export const REVIEW_KINDS = ['review', 'demonstration'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, Label> = {
  review: { zh: '评审', en: 'Expert review' },
  demonstration: { zh: '论证', en: 'Demonstration' },
};

export type ReviewReason = 'mining' | 'metallurgy' | 'construction' | 'dangerousGoods' | 'chemicalUse' | 'fireworks' | 'mediumOrLarger';
export const REVIEW_REASON_LABELS: Record<ReviewReason, Label> = {
  mining: { zh: '矿山企业', en: 'Mining enterprise' },
  metallurgy: { zh: '金属冶炼企业', en: 'Metal smelting enterprise' },
  construction: { zh: '建筑施工企业', en: 'Construction enterprise' },
  dangerousGoods: {
    zh: '易燃易爆物品、危险化学品生产、经营（带储存）、储存、运输企业',
    en: 'Flammable, explosive or hazardous chemicals: production, trade with storage, storage, transport',
  },
  chemicalUse: {
    zh: '使用危险化学品达到国家规定数量的化工企业',
    en: 'Chemical enterprise using hazardous chemicals above the set quantity',
  },
  fireworks: { zh: '烟花爆竹生产、批发经营企业', en: 'Fireworks production or wholesale' },
  mediumOrLarger: { zh: '中型规模以上生产经营单位', en: 'Medium-sized or larger unit' },
};

/** Why a unit's plans are 评审 (empty: 论证). 令第88号 Art. 21. */
export function reviewReasons(e: EmergencyPlansUnit): ReviewReason[] {
  const kinds = new Set(decree708Kinds(e));
  const code = (e.industryCode ?? '').trim();
  const out: ReviewReason[] = [];
  if (kinds.has('mining')) out.push('mining');
  if (kinds.has('metallurgy')) out.push('metallurgy');
  if (kinds.has('construction')) out.push('construction');
  if (kinds.has('dangerousGoods')) out.push('dangerousGoods');
  if (e.usesHazardousChemicalsAboveThreshold) out.push('chemicalUse');
  // 2672 烟花爆竹及火工产品制造; the wholesale trade has no class code of its own (its
  // hazardousChemicals flag makes it a dangerous-goods unit above).
  if (code.startsWith('2672')) out.push('fireworks');
  if (isMediumOrLarger(e)) out.push('mediumOrLarger');
  return out;
}

/** 评审 (written 评审纪要 by experts) or 论证: 令第88号 Art. 21. Government plans are 评审. */
export function reviewKind(e: EmergencyPlansUnit): ReviewKind {
  return reviewReasons(e).length > 0 ? 'review' : 'demonstration';
}
