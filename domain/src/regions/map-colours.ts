// How a district is coloured on the map, so that every map (the hazard dashboard's now; accidents,
// warehouses and the command centre next) reads the same: risk by the highest level present
// (GLOSSARY: 重大 red / 较大 orange / 一般 yellow / 低 blue); hazards by a shade of orange, darker
// the more are open, and outlined in red where a major one (重大隐患) is open. The outline and
// not the fill marks major hazards: most districts of a city have one open, and a map all red
// would no longer tell them apart by how many are open.
import { RISK_LEVEL_INFO, type RiskLevel } from '../risks/levels.ts';

/** A district with nothing to show. */
export const MAP_EMPTY_COLOUR = '#eceff1';
/** The outline of a district with an open major hazard (重大隐患). */
export const MAP_MAJOR_HAZARD_COLOUR = RISK_LEVEL_INFO.major.hex;
/** The lightest and darkest shade of the open-hazard scale. */
export const MAP_HAZARD_SCALE = ['#ffe0b2', '#ef6c00'] as const;

/** A district's colour by the highest risk level among its risk points; grey when none is assessed. */
export const riskLevelColour = (highest: RiskLevel | null) => (highest ? RISK_LEVEL_INFO[highest].hex : MAP_EMPTY_COLOUR);

const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);

/**
 * A district's fill by its open hazards: grey for none, else the orange scale by `open` against
 * the most open in any district shown (`max`), so the busiest is the darkest.
 */
export function openHazardColour(open: number, max: number): string {
  if (open <= 0) return MAP_EMPTY_COLOUR;
  const t = max <= 1 ? 1 : Math.min(1, (open - 1) / (max - 1));
  const [from, to] = MAP_HAZARD_SCALE;
  const mix = [0, 1, 2].map((i) => Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * t));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** A district's outline: red while a major hazard is open there, else none (the map's own). */
export const openHazardOutline = (openMajor: number) => (openMajor > 0 ? MAP_MAJOR_HAZARD_COLOUR : undefined);
