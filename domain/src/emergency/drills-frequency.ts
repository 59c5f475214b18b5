// How often a unit must drill (应急演练频次, issue 27), as a pure rule over its plans and its drills.
//   - 应急预案管理办法 Art.33: every year ≥ 1 drill of a 综合 or 专项 plan; every half-year ≥ 1 drill
//     of each 现场处置方案 (江苏厅's reply: each on-site plan on its own — a setting, 'each' | 'any').
//   - Decree 708 Art.8 ¶2: the Art.7 high-risk units drill at least every half-year (any plan), on top.
//   - Decree 708 Art.8 ¶1: governments, their departments and townships at least every 2 years.
// Periods (the law does not say whether "每年/每半年/每2年" are calendar periods or rolling ones — the
// convention is the provisional setting `drills.periodConvention`):
//   - 'calendar' (default): the calendar year; the half-years 1 Jan–30 Jun and 1 Jul–31 Dec; "2 years"
//     as the current and the previous calendar year. All dates are Beijing dates. For each obligation
//     the current period is 'met' or still 'open' (due by its last day), and the period before it
//     is 'met' or 'missed'.
//   - 'rolling': the 12 / 6 / 24 months ending today; 'met' or 'missed'.
// A drill counts when held (not planned or cancelled) and not found unqualified on a spot-check and
// left uncorrected (drillCounts).
import { type DrillContentType, type DrillOwnerKind, type DrillPlanType, type DrillStatus, drillCounts } from './drills-workflow.ts';

type Label = { zh: string; en: string };

export const DRILL_PERIOD_CONVENTIONS = ['calendar', 'rolling'] as const;
export type DrillPeriodConvention = (typeof DRILL_PERIOD_CONVENTIONS)[number];
export const DRILL_ON_SITE_RULES = ['each', 'any'] as const;
export type DrillOnSiteRule = (typeof DRILL_ON_SITE_RULES)[number];

export type DrillFrequencySettings = { convention: DrillPeriodConvention; onSite: DrillOnSiteRule; governmentYears: number };
export const DEFAULT_DRILL_FREQUENCY: DrillFrequencySettings = { convention: 'calendar', onSite: 'each', governmentYears: 2 };

export const DRILL_OBLIGATIONS = ['yearlyComprehensiveOrSpecial', 'halfYearlyOnSite', 'halfYearlyDecree708', 'governmentPeriodic'] as const;
export type DrillObligationCode = (typeof DRILL_OBLIGATIONS)[number];
export const DRILL_OBLIGATION_LABELS: Record<DrillObligationCode, Label> = {
  yearlyComprehensiveOrSpecial: { zh: '每年至少一次综合或专项预案演练', en: 'A comprehensive or special plan drilled every year' },
  halfYearlyOnSite: { zh: '每半年至少一次现场处置方案演练', en: 'Each on-site plan drilled every half-year' },
  halfYearlyDecree708: { zh: '每半年至少一次演练（条例第七条所列单位）', en: 'A drill every half-year (Decree 708 Art.7 unit)' },
  governmentPeriodic: { zh: '每2年至少一次演练（政府、部门、乡镇街道）', en: 'A drill every 2 years (government, department, township)' },
};
export const DRILL_OBLIGATION_SOURCES: Record<DrillObligationCode, string> = {
  yearlyComprehensiveOrSpecial: '《生产安全事故应急预案管理办法》第三十三条',
  halfYearlyOnSite: '《生产安全事故应急预案管理办法》第三十三条',
  halfYearlyDecree708: '《生产安全事故应急条例》第八条第二款',
  governmentPeriodic: '《生产安全事故应急条例》第八条第一款',
};

export const DRILL_OBLIGATION_STATES = ['met', 'open', 'missed'] as const;
export type DrillObligationState = (typeof DRILL_OBLIGATION_STATES)[number];
export const DRILL_OBLIGATION_STATE_LABELS: Record<DrillObligationState, Label> = {
  met: { zh: '已完成', en: 'Met' },
  open: { zh: '本期尚未演练', en: 'Not yet drilled this period' },
  missed: { zh: '缺演练', en: 'Missed' },
};

export type FrequencyUnit = { ownerKind: DrillOwnerKind; decree708: boolean };
/** A plan of the unit in force; `since` (a Beijing date) — periods ending before it do not apply. */
export type FrequencyPlan = { id: string; planType: DrillPlanType; title: string; since?: string | null };
export type FrequencyDrill = {
  id: string;
  /** The Beijing date it was held; null while planned. */
  heldOn: string | null;
  status: DrillStatus;
  planId: string | null;
  /** The exercised plan's type (the plan's, or as recorded when the plan is not held here). */
  planType: DrillPlanType | null;
  contentType: DrillContentType;
};

export type DrillPeriod = { from: string; to: string };
export type DrillObligation = {
  code: DrillObligationCode;
  planId: string | null;
  planTitle: string | null;
  period: DrillPeriod;
  /** 'current' for the period that contains today, 'previous' for the one before (calendar only). */
  which: 'current' | 'previous';
  state: DrillObligationState;
  drillIds: string[];
};

// ---- dates (YYYY-MM-DD strings; pure arithmetic on the calendar) ------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const parts = (d: string) => d.split('-').map(Number) as [number, number, number];
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The date `months` months before `d`, plus one day: the first day of the rolling window ending on `d`. */
export function rollingFrom(d: string, months: number): string {
  const [y, m, day] = parts(d);
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const t = new Date(Date.UTC(yy, mm - 1, Math.min(day, daysIn(yy, mm)) + 1));
  return t.toISOString().slice(0, 10);
}

export const calendarYear = (d: string, back = 0): DrillPeriod => {
  const y = parts(d)[0] - back;
  return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
};
/** The half-year holding `d` (back = 1: the one before): 1 Jan–30 Jun or 1 Jul–31 Dec. */
export function calendarHalf(d: string, back = 0): DrillPeriod {
  const [y, m] = parts(d);
  const index = y * 2 + (m <= 6 ? 0 : 1) - back;
  const yy = Math.floor(index / 2);
  return index % 2 === 0 ? { from: ymd(yy, 1, 1), to: ymd(yy, 6, 30) } : { from: ymd(yy, 7, 1), to: ymd(yy, 12, 31) };
}
/** `years` calendar years ending with the year of `d` (back = 1: ending the year before). */
export function calendarYears(d: string, years: number, back = 0): DrillPeriod {
  const y = parts(d)[0] - back;
  return { from: ymd(y - years + 1, 1, 1), to: ymd(y, 12, 31) };
}

const within = (p: DrillPeriod, d: string) => d >= p.from && d <= p.to;

// ---- the rule ---------------------------------------------------------------------------------------------

type Need = { code: DrillObligationCode; plan: FrequencyPlan | null; counts: (d: FrequencyDrill) => boolean };

/** The obligations that apply to a unit with these plans (before periods are laid over them). */
function needs(unit: FrequencyUnit, plans: readonly FrequencyPlan[], s: DrillFrequencySettings): Need[] {
  const out: Need[] = [];
  if (unit.ownerKind === 'government') {
    out.push({ code: 'governmentPeriodic', plan: null, counts: () => true });
    return out;
  }
  const byId = new Map(plans.map((p) => [p.id, p]));
  const typeOf = (d: FrequencyDrill) => (d.planId ? (byId.get(d.planId)?.planType ?? d.planType) : d.planType);
  const big = plans.filter((p) => p.planType === 'comprehensive' || p.planType === 'special');
  if (big.length)
    out.push({
      code: 'yearlyComprehensiveOrSpecial',
      plan: null,
      // A drill of a 综合 or 专项 plan; one exercising no named plan counts when it was a 综合演练.
      counts: (d) => {
        const t = typeOf(d);
        return t === 'comprehensive' || t === 'special' || (t === null && d.contentType === 'comprehensive');
      },
    });
  const onSite = plans.filter((p) => p.planType === 'onSite');
  if (s.onSite === 'each') for (const p of onSite) out.push({ code: 'halfYearlyOnSite', plan: p, counts: (d) => d.planId === p.id });
  else if (onSite.length) out.push({ code: 'halfYearlyOnSite', plan: null, counts: (d) => typeOf(d) === 'onSite' });
  if (unit.decree708) out.push({ code: 'halfYearlyDecree708', plan: null, counts: () => true });
  return out;
}

function periodsOf(
  code: DrillObligationCode,
  today: string,
  s: DrillFrequencySettings,
): { which: 'current' | 'previous'; p: DrillPeriod }[] {
  const months = code === 'yearlyComprehensiveOrSpecial' ? 12 : code === 'governmentPeriodic' ? 12 * s.governmentYears : 6;
  if (s.convention === 'rolling') return [{ which: 'current', p: { from: rollingFrom(today, months), to: today } }];
  const at = (back: number) =>
    code === 'yearlyComprehensiveOrSpecial'
      ? calendarYear(today, back)
      : code === 'governmentPeriodic'
        ? calendarYears(today, s.governmentYears, back)
        : calendarHalf(today, back);
  return [
    { which: 'current', p: at(0) },
    { which: 'previous', p: at(1) },
  ];
}

/**
 * Each obligation of the unit in the current period (and, by calendar, the one before), with the
 * drills that meet it. `today` is the Beijing date.
 */
export function drillObligations(
  unit: FrequencyUnit,
  plans: readonly FrequencyPlan[],
  drills: readonly FrequencyDrill[],
  today: string,
  s: DrillFrequencySettings = DEFAULT_DRILL_FREQUENCY,
): DrillObligation[] {
  const held = drills.filter((d) => d.heldOn !== null && d.heldOn <= today && drillCounts(d.status));
  const out: DrillObligation[] = [];
  for (const n of needs(unit, plans, s)) {
    for (const { which, p } of periodsOf(n.code, today, s)) {
      // A plan published after the period ended does not owe a drill in it.
      if (n.plan?.since && n.plan.since > p.to) continue;
      const ids = held.filter((d) => within(p, d.heldOn as string) && n.counts(d)).map((d) => d.id);
      const state: DrillObligationState = ids.length ? 'met' : which === 'current' && s.convention === 'calendar' ? 'open' : 'missed';
      out.push({ code: n.code, planId: n.plan?.id ?? null, planTitle: n.plan?.title ?? null, period: p, which, state, drillIds: ids });
    }
  }
  return out;
}

/** The obligations not met: missed ones first, then the current period's still open. */
export const missingDrills = (o: readonly DrillObligation[]) =>
  o.filter((x) => x.state !== 'met').sort((a, b) => (a.state === b.state ? 0 : a.state === 'missed' ? -1 : 1));
