// Risk matrix (风险矩阵) R = L × S with L, S ∈ 1..5. Sources conflict on the bands; Taishan's
// default (STANDARDS.md): red 20–25, orange 9–16, yellow 4–8, blue 1–3. Provinces may set their own
// (e.g. DB37/T 2882).
import { type LevelThresholds, levelFor, type RiskLevel } from './levels.ts';

export const LS_L: Record<number, { zh: string; en: string }> = {
  1: { zh: '极不可能', en: 'Rare' },
  2: { zh: '不太可能', en: 'Unlikely' },
  3: { zh: '可能', en: 'Possible' },
  4: { zh: '很可能', en: 'Likely' },
  5: { zh: '几乎肯定', en: 'Almost certain' },
};
export const LS_S: Record<number, { zh: string; en: string }> = {
  1: { zh: '轻微', en: 'Negligible' },
  2: { zh: '较轻', en: 'Minor' },
  3: { zh: '一般', en: 'Moderate' },
  4: { zh: '严重', en: 'Major' },
  5: { zh: '特别严重', en: 'Catastrophic' },
};

export const LS_DEFAULT_THRESHOLDS: LevelThresholds = { major: 20, high: 9, moderate: 4 };

export type LsInput = { L: number; S: number };
export type LsResult = { R: number; level: RiskLevel };

export const isLsInput = (x: LsInput) => [x.L, x.S].every((v) => Number.isInteger(v) && v >= 1 && v <= 5);

export function ls(input: LsInput, thresholds: LevelThresholds = LS_DEFAULT_THRESHOLDS): LsResult {
  if (!isLsInput(input)) throw new RangeError('L and S are integers 1..5');
  const R = input.L * input.S;
  return { R, level: levelFor(R, thresholds) };
}
