// Training hours (学时) against the yearly minimum of 《生产经营单位安全培训规定》(令第3号, STANDARDS-NEXT
// §8.4): 主要负责人 and 安全管理人员 32 hours the first year and 12 each year after, 48 / 16 in the five
// high-risk groups (煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼); other staff 24 on joining, 72 in
// the high-risk groups and 20 a year after (secondary sources: settings, provisional). The high-risk
// group of an enterprise is read from its industry code (GB/T 4754-2017), the table below.

export const PERSON_POSITIONS = ['principal', 'safetyManager', 'specialWorker', 'other'] as const;
export type PersonPosition = (typeof PERSON_POSITIONS)[number];
export const PERSON_POSITION_LABELS: Record<PersonPosition, { zh: string; en: string }> = {
  principal: { zh: '主要负责人', en: 'Principal' },
  safetyManager: { zh: '安全管理人员', en: 'Safety manager' },
  specialWorker: { zh: '特种作业人员', en: 'Special-work operator' },
  other: { zh: '其他从业人员', en: 'Other staff' },
};
/** The positions that hold a 合格证 (安全生产知识和管理能力考核合格证). */
export const MANAGER_POSITIONS: readonly PersonPosition[] = ['principal', 'safetyManager'];

export const HIGH_RISK_TRAINING_GROUPS = ['coal', 'nonCoalMining', 'hazardousChemicals', 'fireworks', 'metalSmelting'] as const;
export type HighRiskTrainingGroup = (typeof HIGH_RISK_TRAINING_GROUPS)[number];
export const HIGH_RISK_TRAINING_GROUP_LABELS: Record<HighRiskTrainingGroup, { zh: string; en: string }> = {
  coal: { zh: '煤矿', en: 'Coal mining' },
  nonCoalMining: { zh: '非煤矿山', en: 'Non-coal mining' },
  hazardousChemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  fireworks: { zh: '烟花爆竹', en: 'Fireworks' },
  metalSmelting: { zh: '金属冶炼', en: 'Metal smelting' },
};

/**
 * Industry-code prefixes (GB/T 4754-2017) of each group; the longest matching prefix wins, so
 * 2672 焰火、鞭炮产品制造 is fireworks although 26 is chemicals.
 */
export const HIGH_RISK_INDUSTRY_PREFIXES: { prefix: string; group: HighRiskTrainingGroup }[] = [
  { prefix: '06', group: 'coal' }, // 煤炭开采和洗选业
  { prefix: '07', group: 'nonCoalMining' }, // 石油和天然气开采业
  { prefix: '08', group: 'nonCoalMining' }, // 黑色金属矿采选业
  { prefix: '09', group: 'nonCoalMining' }, // 有色金属矿采选业
  { prefix: '10', group: 'nonCoalMining' }, // 非金属矿采选业
  { prefix: '12', group: 'nonCoalMining' }, // 其他采矿业
  { prefix: '251', group: 'hazardousChemicals' }, // 精炼石油产品制造
  { prefix: '252', group: 'hazardousChemicals' }, // 煤炭加工
  { prefix: '26', group: 'hazardousChemicals' }, // 化学原料和化学制品制造业
  { prefix: '2672', group: 'fireworks' }, // 焰火、鞭炮产品制造
  { prefix: '31', group: 'metalSmelting' }, // 黑色金属冶炼和压延加工业
  { prefix: '32', group: 'metalSmelting' }, // 有色金属冶炼和压延加工业
];

export function highRiskGroupOf(industryCode: string | null | undefined): HighRiskTrainingGroup | null {
  const code = (industryCode ?? '').trim();
  let best: { prefix: string; group: HighRiskTrainingGroup } | null = null;
  for (const p of HIGH_RISK_INDUSTRY_PREFIXES) {
    if (code.startsWith(p.prefix) && (!best || p.prefix.length > best.prefix.length)) best = p;
  }
  return best?.group ?? null;
}

/** The hours, as settings hold them (defaults from §8.4). */
export type TrainingMinimums = {
  managerInitial: number;
  managerYearly: number;
  managerInitialHighRisk: number;
  managerYearlyHighRisk: number;
  staffInitial: number;
  staffInitialHighRisk: number;
  staffYearlyHighRisk: number;
};
export const DEFAULT_TRAINING_MINIMUMS: TrainingMinimums = {
  managerInitial: 32,
  managerYearly: 12,
  managerInitialHighRisk: 48,
  managerYearlyHighRisk: 16,
  staffInitial: 24,
  staffInitialHighRisk: 72,
  staffYearlyHighRisk: 20,
};

/**
 * The hours a person owes in `year`: the initial training in the year they were hired, the yearly
 * re-training after. Staff of an ordinary industry have no national yearly figure (null: none owed).
 */
export function requiredTrainingHours(
  p: { position: PersonPosition; hiredOn: string | null },
  industryCode: string | null,
  year: number,
  m: TrainingMinimums = DEFAULT_TRAINING_MINIMUMS,
): { hours: number | null; kind: 'initial' | 'yearly'; highRisk: HighRiskTrainingGroup | null } {
  const highRisk = highRiskGroupOf(industryCode);
  const initial = !!p.hiredOn && Number(p.hiredOn.slice(0, 4)) === year;
  const manager = MANAGER_POSITIONS.includes(p.position);
  if (manager) {
    const hours = initial ? (highRisk ? m.managerInitialHighRisk : m.managerInitial) : highRisk ? m.managerYearlyHighRisk : m.managerYearly;
    return { hours, kind: initial ? 'initial' : 'yearly', highRisk };
  }
  if (initial) return { hours: highRisk ? m.staffInitialHighRisk : m.staffInitial, kind: 'initial', highRisk };
  return { hours: highRisk ? m.staffYearlyHighRisk : null, kind: 'yearly', highRisk };
}

/** Hours still owed (0 when met or none owed). */
export function trainingShortfall(required: number | null, attended: number): number {
  if (required === null) return 0;
  return Math.max(0, Math.round((required - attended) * 10) / 10);
}
