// Risk levels (风险等级) and their colours, GLOSSARY: 重大 red / 较大 orange / 一般 yellow / 低 blue.
export const RISK_LEVELS = ['major', 'high', 'moderate', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_INFO: Record<RiskLevel, { zh: string; en: string; colour: string; colourZh: string; hex: string }> = {
  major: { zh: '重大风险', en: 'Major', colour: 'red', colourZh: '红', hex: '#e53935' },
  high: { zh: '较大风险', en: 'High', colour: 'orange', colourZh: '橙', hex: '#fb8c00' },
  moderate: { zh: '一般风险', en: 'Moderate', colour: 'yellow', colourZh: '黄', hex: '#fdd835' },
  low: { zh: '低风险', en: 'Low', colour: 'blue', colourZh: '蓝', hex: '#1e88e5' },
};

/** Higher rank = more severe; used to take the highest level of several risk points. */
export const RISK_RANK: Record<RiskLevel, number> = { major: 4, high: 3, moderate: 2, low: 1 };

export function highestLevel(levels: readonly RiskLevel[]): RiskLevel | null {
  let best: RiskLevel | null = null;
  for (const l of levels) if (!best || RISK_RANK[l] > RISK_RANK[best]) best = l;
  return best;
}

/**
 * Lower bounds of the levels for a score: score ≥ major → major, ≥ high → high, ≥ moderate →
 * moderate, else low. Provinces may set their own (STANDARDS.md: sources disagree).
 */
export type LevelThresholds = { major: number; high: number; moderate: number };

export function levelFor(score: number, t: LevelThresholds): RiskLevel {
  if (score >= t.major) return 'major';
  if (score >= t.high) return 'high';
  if (score >= t.moderate) return 'moderate';
  return 'low';
}

/** Thresholds must strictly decrease from major to moderate and be positive. */
export function thresholdsValid(t: LevelThresholds): boolean {
  return t.major > t.high && t.high > t.moderate && t.moderate > 0;
}
