// The hazard dashboard's response (GET /api/v1/hazard-dashboard): counts per child region of a
// region, the period's rates, and for the map the open hazards and risk points per district.
import { z } from 'zod';
import { RISK_LEVELS, type RiskLevel } from '../risks/levels.ts';
import { HAZARD_STATUSES, type HazardStatus } from './lifecycle.ts';

const count = z.number().int();
const statusCounts = Object.fromEntries(HAZARD_STATUSES.map((s) => [s, count])) as Record<HazardStatus, typeof count>;

/** Hazards by status and level, overdue, listed, and still open (neither closed nor cancelled). */
export const hazardCountsSchema = z.object({
  ...statusCounts,
  major: count,
  general: count,
  overdue: count,
  listed: count,
  open: count,
  /** Open major hazards (重大隐患): what colours a district red on the map. */
  openMajor: count,
});
export type HazardCounts = z.infer<typeof hazardCountsSchema>;

/** Risk points of a district: all of them, by assessed level, and the highest level (null: none assessed). */
export const riskPointCountsSchema = z.object({
  total: count,
  ...(Object.fromEntries(RISK_LEVELS.map((l) => [l, count])) as Record<RiskLevel, typeof count>),
  highest: z.enum(RISK_LEVELS).nullable(),
});
export type RiskPointCounts = z.infer<typeof riskPointCountsSchema>;

export const periodRatesSchema = z.object({
  found: count,
  closed: count,
  due: count,
  closedOnTime: count,
  rectificationRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});

export const hazardDashboardSchema = z.object({
  /** The region broken down, as a prefix ('' for the whole country). */
  region: z.string(),
  totals: hazardCountsSchema.extend({ riskPoints: riskPointCountsSchema }),
  period: periodRatesSchema.extend({
    from: z.string(),
    to: z.string(),
    definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  }),
  /** One row per child region; the hazard counts only where it has hazards. */
  byRegion: z.array(
    hazardCountsSchema.partial().extend({
      code: z.string(),
      name: z.string(),
      period: periodRatesSchema.optional(),
      riskPoints: riskPointCountsSchema,
    }),
  ),
});
export type HazardDashboard = z.infer<typeof hazardDashboardSchema>;

/** The counts of a district's risk points by level, with the highest level that has any. */
export function riskPointCounts(c: Record<RiskLevel, number> & { total: number }): RiskPointCounts {
  return {
    total: c.total,
    major: c.major,
    high: c.high,
    moderate: c.moderate,
    low: c.low,
    highest: RISK_LEVELS.find((l) => c[l] > 0) ?? null,
  };
}
