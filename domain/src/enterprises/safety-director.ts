// 安全总监制度 (seed 000): "从业人员在 100 人及以上或主营业务收入在 2000 万元及以上的矿山、建筑、
// 交通运输、危险化学品、金属冶炼等行业，以及粉尘涉爆、涉氨制冷、船舶修造等重点领域的企业，
// 必须配备安全总监".

export const HIGH_RISK_FLAGS = [
  'mining',
  'construction',
  'transport',
  'hazardousChemicals',
  'metallurgy',
  'dustExplosion',
  'ammoniaRefrigeration',
  'shipRepair',
] as const;
export type HighRiskFlag = (typeof HIGH_RISK_FLAGS)[number];

export const HIGH_RISK_LABELS: Record<HighRiskFlag, { zh: string; en: string }> = {
  mining: { zh: '矿山', en: 'Mining' },
  construction: { zh: '建筑', en: 'Construction' },
  transport: { zh: '交通运输', en: 'Transport' },
  hazardousChemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  metallurgy: { zh: '金属冶炼', en: 'Metallurgy' },
  dustExplosion: { zh: '粉尘涉爆', en: 'Dust explosion' },
  ammoniaRefrigeration: { zh: '涉氨制冷', en: 'Ammonia refrigeration' },
  shipRepair: { zh: '船舶修造', en: 'Ship building and repair' },
};

export const SAFETY_DIRECTOR_MIN_EMPLOYEES = 100;
/** 2000 万元, in 万元 (ten-thousand yuan) as the directory stores revenue. */
export const SAFETY_DIRECTOR_MIN_REVENUE_WAN = 2000;

export type SafetyDirectorInput = {
  employees: number | null;
  revenueWan: number | null;
  highRisk: readonly HighRiskFlag[];
  safetyDirector: string | null;
};

/** "以上" includes the number: 100 employees or 2000 万元 qualifies. */
export function requiresSafetyDirector(e: Omit<SafetyDirectorInput, 'safetyDirector'>): boolean {
  if (e.highRisk.length === 0) return false;
  return (e.employees ?? 0) >= SAFETY_DIRECTOR_MIN_EMPLOYEES || (e.revenueWan ?? 0) >= SAFETY_DIRECTOR_MIN_REVENUE_WAN;
}

export function lacksSafetyDirector(e: SafetyDirectorInput): boolean {
  return requiresSafetyDirector(e) && !(e.safetyDirector ?? '').trim();
}
