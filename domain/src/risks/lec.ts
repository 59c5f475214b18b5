// LEC, 作业条件危险性评价法 (Graham–Kinney, as used in Chinese practice): D = L × E × C.
// Tables and bands as STANDARDS.md gives them. Only the listed values are valid inputs.
import { type LevelThresholds, levelFor, type RiskLevel } from './levels.ts';

/** L — likelihood of an accident (事故发生的可能性). */
export const LEC_L: Record<number, { zh: string; en: string }> = {
  10: { zh: '完全可以预料', en: 'Expected' },
  6: { zh: '相当可能', en: 'Quite possible' },
  3: { zh: '可能，但不经常', en: 'Unusual but possible' },
  1: { zh: '可能性小，完全意外', en: 'Remotely possible' },
  0.5: { zh: '很不可能，可以设想', en: 'Conceivable but very unlikely' },
  0.2: { zh: '极不可能', en: 'Practically impossible' },
  0.1: { zh: '实际不可能', en: 'Virtually impossible' },
};

/** E — exposure frequency (暴露于危险环境的频繁程度). */
export const LEC_E: Record<number, { zh: string; en: string }> = {
  10: { zh: '连续暴露', en: 'Continuous' },
  6: { zh: '每天工作时间内暴露', en: 'Daily during work' },
  3: { zh: '每周一次或偶然暴露', en: 'Weekly or occasionally' },
  2: { zh: '每月一次暴露', en: 'Monthly' },
  1: { zh: '每年几次暴露', en: 'A few times a year' },
  0.5: { zh: '非常罕见地暴露', en: 'Very rarely' },
};

/** C — consequence (发生事故可能造成的后果). */
export const LEC_C: Record<number, { zh: string; en: string }> = {
  100: { zh: '大灾难，许多人死亡', en: 'Catastrophe, many deaths' },
  40: { zh: '灾难，数人死亡', en: 'Disaster, several deaths' },
  15: { zh: '非常严重，一人死亡', en: 'Very serious, one death' },
  7: { zh: '严重，重伤', en: 'Serious injury' },
  3: { zh: '重大，伤残', en: 'Disabling injury' },
  1: { zh: '引人注目，需要救护', en: 'Noticeable, first aid' },
};

export const LEC_ALLOWED = {
  L: Object.keys(LEC_L)
    .map(Number)
    .sort((a, b) => b - a),
  E: Object.keys(LEC_E)
    .map(Number)
    .sort((a, b) => b - a),
  C: Object.keys(LEC_C)
    .map(Number)
    .sort((a, b) => b - a),
} as const;

/** Danger bands (危险程度): > 320 极其危险; 160–320 高度危险; 70–160 显著危险; 20–70 一般危险; < 20 稍有危险. */
export const LEC_BANDS = [
  { band: 'extreme', min: 320, exclusive: true, zh: '极其危险，不能继续作业', en: 'Extremely dangerous, stop work' },
  { band: 'high', min: 160, exclusive: false, zh: '高度危险，需立即整改', en: 'Highly dangerous, rectify at once' },
  { band: 'significant', min: 70, exclusive: false, zh: '显著危险，需要整改', en: 'Significant, needs rectification' },
  { band: 'general', min: 20, exclusive: false, zh: '一般危险，需要注意', en: 'General, needs attention' },
  { band: 'slight', min: 0, exclusive: false, zh: '稍有危险，可以接受', en: 'Slight, acceptable' },
] as const;
export type LecBand = (typeof LEC_BANDS)[number]['band'];

/** Taishan default (STANDARDS.md): D ≥ 320 red, 160 ≤ D < 320 orange, 70 ≤ D < 160 yellow, D < 70 blue. */
export const LEC_DEFAULT_THRESHOLDS: LevelThresholds = { major: 320, high: 160, moderate: 70 };

export type LecInput = { L: number; E: number; C: number };
export type LecResult = { D: number; band: LecBand; bandZh: string; level: RiskLevel };

export function isLecInput(x: LecInput): boolean {
  return LEC_ALLOWED.L.includes(x.L) && LEC_ALLOWED.E.includes(x.E) && LEC_ALLOWED.C.includes(x.C);
}

/** D rounded to 2 decimals: products like 0.1 × 0.5 × 1 are not exact in binary floating point. */
export function lec(input: LecInput, thresholds: LevelThresholds = LEC_DEFAULT_THRESHOLDS): LecResult {
  if (!isLecInput(input)) throw new RangeError('LEC values must come from the tables');
  const D = Math.round(input.L * input.E * input.C * 100) / 100;
  const b = LEC_BANDS.find((x) => (x.exclusive ? D > x.min : D >= x.min)) ?? LEC_BANDS[4];
  return { D, band: b.band, bandZh: b.zh, level: levelFor(D, thresholds) };
}
