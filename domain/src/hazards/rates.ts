// 整改率 and 按期整改率: the two rates a dashboard shows for a period, as regulators define them.
// Days are Beijing days (YYYY-MM-DD); a period is inclusive at both ends. A cancelled hazard (撤销)
// was never a hazard to rectify and counts in neither rate. The server counts the same in SQL
// (hazards/dashboard.ts) and its test checks the two agree on the same rows.

/** What the rates read of one hazard: the Beijing day it was found, its deadline, the day it was closed. */
export type HazardRateFacts = {
  foundOn: string;
  deadline: string | null;
  /** The Beijing day it was closed (销号), null while open or if cancelled. */
  closedOn: string | null;
  cancelled: boolean;
};

export type Period = { from: string; to: string };

export type PeriodCounts = {
  /** Hazards found in the period (not cancelled). */
  found: number;
  /** Of those, closed by the period's last day. */
  closed: number;
  /** Hazards whose deadline fell in the period (not cancelled). */
  due: number;
  /** Of those, closed on or before their deadline. */
  closedOnTime: number;
};

export const inPeriod = (day: string | null, p: Period) => day !== null && day >= p.from && day <= p.to;

/** The four counts behind the rates, from the hazards' facts. */
export function periodCounts(hazards: readonly HazardRateFacts[], p: Period): PeriodCounts {
  const c: PeriodCounts = { found: 0, closed: 0, due: 0, closedOnTime: 0 };
  for (const h of hazards) {
    if (h.cancelled) continue;
    if (inPeriod(h.foundOn, p)) {
      c.found++;
      if (h.closedOn !== null && h.closedOn <= p.to) c.closed++;
    }
    if (inPeriod(h.deadline, p)) {
      c.due++;
      if (h.closedOn !== null && h.deadline !== null && h.closedOn <= h.deadline) c.closedOnTime++;
    }
  }
  return c;
}

/** A share as a fraction 0..1, null when nothing was counted (not 0 %, not 100 %). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** 整改率: hazards found in the period and closed by its end ÷ hazards found in the period. */
export const rectificationRate = (c: Pick<PeriodCounts, 'found' | 'closed'>) => ratio(c.closed, c.found);

/** 按期整改率: hazards closed by their deadline ÷ hazards whose deadline fell in the period. */
export const onTimeRectificationRate = (c: Pick<PeriodCounts, 'due' | 'closedOnTime'>) => ratio(c.closedOnTime, c.due);

/** The definitions as the dashboard's tooltips and the README state them. */
export const RATE_DEFINITIONS = {
  rectification: {
    zh: '整改率 = 期间内发现且在期末前销号的隐患数 ÷ 期间内发现的隐患数（已撤销的不计）',
    en: 'Rectification rate = hazards found in the period and closed by its last day ÷ hazards found in the period (cancelled ones not counted)',
  },
  onTime: {
    zh: '按期整改率 = 在整改期限当日或之前销号的隐患数 ÷ 整改期限在期间内的隐患数（已撤销的不计）',
    en: 'On-time rate = hazards closed on or before their deadline ÷ hazards whose deadline fell in the period (cancelled ones not counted)',
  },
} as const;
