// Enforcement statistics (执法统计, issue 24 item 9): the period a report covers (a year, a month,
// a quarter or a range of Beijing days), the counts per jurisdiction, the rates regulators read
// (立案率, 处罚率, 罚没款收缴率, 计划完成率, 明查暗访任务完成率) with their definitions, and the API's
// schemas. The server counts in SQL (server/src/modules/enforcement/stats.ts); the rates are
// computed here from those counts, so the page, the Excel and the monthly report say the same.
import { z } from 'zod';
import { type Actor, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { isEnforcer } from './policy.ts';

type Bilingual = { zh: string; en: string };

/** Who may read the statistics: the enforcing organs (within their scope) and administrators; not enterprises, townships or grid workers. */
export const mayViewEnforcementStats = (a: Actor) => isAdmin(a) || isEnforcer(a);

// ---------------------------------------------------------------------------------------------
// Periods. Days are Beijing days (YYYY-MM-DD), inclusive at both ends.

export type StatsPeriod = { from: string; to: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day (2025-02-29 is not one). */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1–12). */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** 2025 · 2025-07 · 2025-Q3: a named period. */
export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** The days of a named period (a year, a month, a quarter), or null when the name is none of them. */
export function namedPeriod(name: string): StatsPeriod | null {
  const m = PERIOD_PATTERN.exec(name);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2]) {
    const mo = Number(m[2]);
    return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}` };
  }
  if (m[3]) {
    const q = Number(m[3]);
    const first = 3 * q - 2;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}` };
  }
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The earliest and latest years a statistic may cover (a guard against typing 0025 or 2250). */
export const STATS_YEARS = { min: 2000, max: 2100 } as const;
/** The longest range one request may cover: ten years. */
export const STATS_MAX_DAYS = 3660;

export type PeriodInput = { period?: string | undefined; from?: string | undefined; to?: string | undefined };
export type PeriodResult = { ok: true; period: StatsPeriod } | { ok: false; fields: Record<string, Bilingual> };

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * The period asked for: a named one (`period`), or a range (`from`, `to`, either end defaulting
 * to this Beijing year's first day and today); nothing: this year up to today. Refusals name the
 * field, as a 400 does.
 */
export function parseStatsPeriod(q: PeriodInput, today: string): PeriodResult {
  const fields: Record<string, Bilingual> = {};
  let p: StatsPeriod;
  if (q.period !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      fields.period = { zh: '期间与起止日期只能填一种', en: 'Give a period or a range of days, not both' };
    const named = namedPeriod(q.period);
    if (!named) {
      fields.period = { zh: '期间格式为 2025、2025-07 或 2025-Q3', en: 'A period is 2025, 2025-07 or 2025-Q3' };
      return { ok: false, fields };
    }
    p = named;
  } else {
    for (const k of ['from', 'to'] as const) {
      const v = q[k];
      if (v !== undefined && !isCalendarDay(v)) fields[k] = { zh: '日期格式为 YYYY-MM-DD', en: 'A date is YYYY-MM-DD' };
    }
    if (Object.keys(fields).length) return { ok: false, fields };
    p = { from: q.from ?? `${(q.to ?? today).slice(0, 4)}-01-01`, to: q.to ?? (q.from && q.from > today ? q.from : today) };
  }
  for (const k of ['from', 'to'] as const) {
    const y = Number(p[k].slice(0, 4));
    if (y < STATS_YEARS.min || y > STATS_YEARS.max)
      fields[q.period !== undefined ? 'period' : k] = {
        zh: `年份应在 ${STATS_YEARS.min}–${STATS_YEARS.max} 之间`,
        en: `The year is between ${STATS_YEARS.min} and ${STATS_YEARS.max}`,
      };
  }
  if (p.from > p.to) fields.to = { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' };
  else if (dayNumber(p.to) - dayNumber(p.from) + 1 > STATS_MAX_DAYS)
    fields.to = { zh: '统计期间最长十年', en: 'A period covers at most ten years' };
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, period: p };
}

/** The months (YYYY-MM) a period touches, in order: the rows of a breakdown by month. */
export function monthsOf(p: StatsPeriod): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const end = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** How many calendar years a period touches (the yearly quota is counted once per year). */
export const yearsOf = (p: StatsPeriod) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) + 1;

const CN_QUARTER = ['一', '二', '三', '四'];
/** A period as a report's heading writes it: 2025年 · 2025年7月 · 2025年第三季度 · 2025年1月1日至2025年3月15日. */
export function periodLabel(p: StatsPeriod): string {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  const whole = fd === 1 && td === lastDay(ty, tm);
  if (whole && fy === ty && fm === 1 && tm === 12) return `${fy}年`;
  if (whole && fy === ty && fm === tm) return `${fy}年${fm}月`;
  if (whole && fy === ty && tm === fm + 2 && fm % 3 === 1) return `${fy}年第${CN_QUARTER[(fm - 1) / 3]}季度`;
  return `${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日`;
}

// ---------------------------------------------------------------------------------------------
// Counts and rates.

/** What the server counts for one jurisdiction (or month, or industry) and period. */
export type StatsCounts = {
  /** On-site inspections started in the period (not planned-only, not cancelled). */
  inspections: number;
  /** Distinct enterprises among them. */
  enterprises: number;
  /** Of them, 四不两直 (unannounced). */
  unannounced: number;
  /** Of them, 明查暗访 (covert), counted against the yearly quota. */
  covert: number;
  /** Of them, those that found at least one violation. */
  withViolations: number;
  /** Violations found (the sum over the inspections). */
  violations: number;
  /** Hazards found by those inspections. */
  hazardsFound: number;
  /** Hazards found by enforcement and closed (销号) in the period; null where hazards are not linked to inspections. */
  hazardsFixed: number | null;
  /** Cases filed (立案) in the period. */
  cases: number;
  /** Penalty decisions made in the period (cases decided). */
  decisions: number;
  /** Fines of those decisions, yuan. */
  finesDecided: number;
  /** Of those fines, paid so far, yuan. */
  finesCollected: number;
  /** Decisions ordering a suspension or closure (停产停业整顿 / 关闭). */
  suspensions: number;
  /** Cases filed in the period and transferred to the judiciary (移送司法机关). */
  transfers: number;
  /** Inspections of the annual plan due in the period (not cancelled). */
  planned: number;
  /** Of them, carried out (the record issued, or closed). */
  planDone: number;
};

export const STATS_COUNT_KEYS = [
  'inspections',
  'enterprises',
  'unannounced',
  'covert',
  'withViolations',
  'violations',
  'hazardsFound',
  'hazardsFixed',
  'cases',
  'decisions',
  'finesDecided',
  'finesCollected',
  'suspensions',
  'transfers',
  'planned',
  'planDone',
] as const satisfies readonly (keyof StatsCounts)[];

export const emptyStatsCounts = (hazardsFixed: number | null = 0): StatsCounts => ({
  inspections: 0,
  enterprises: 0,
  unannounced: 0,
  covert: 0,
  withViolations: 0,
  violations: 0,
  hazardsFound: 0,
  hazardsFixed,
  cases: 0,
  decisions: 0,
  finesDecided: 0,
  finesCollected: 0,
  suspensions: 0,
  transfers: 0,
  planned: 0,
  planDone: 0,
});

/** A share as a fraction, null when its whole is zero (shown —, neither 0 % nor 100 %). */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** 立案率: cases filed ÷ inspections that found violations (both in the period). */
export const filingRate = (c: Pick<StatsCounts, 'cases' | 'withViolations'>) => share(c.cases, c.withViolations);
/** 处罚率: penalty decisions ÷ cases filed (both in the period). */
export const penaltyRate = (c: Pick<StatsCounts, 'decisions' | 'cases'>) => share(c.decisions, c.cases);
/** 罚没款收缴率: fines paid ÷ fines decided (the period's decisions). */
export const collectionRate = (c: Pick<StatsCounts, 'finesCollected' | 'finesDecided'>) => share(c.finesCollected, c.finesDecided);
/** 计划完成率: plan inspections due in the period and carried out ÷ plan inspections due in it. */
export const planCompletion = (c: Pick<StatsCounts, 'planDone' | 'planned'>) => share(c.planDone, c.planned);
/** 明查暗访任务完成率: covert inspections ÷ the quota of the period (null: no quota at this level). */
export const quotaCompletion = (covert: number, quota: number | null) => (quota === null ? null : share(covert, quota));

/** The yearly quotas of unannounced visits (settings enforcement.covertQuotaCounty / …City). */
export type CovertQuotas = { county: number; city: number };

/**
 * The quota of an area over a period: every enforcing organ in it owes its yearly quota for each
 * calendar year the period touches — a county's organ the county quota, a city's organ (设区市层面)
 * the city quota, a province's the sum of its cities' and counties'. A township enforces nothing:
 * null. `organs`: the counties and cities in the area, itself included.
 */
export function covertQuota(organs: { counties: number; cities: number }, quotas: CovertQuotas, p: StatsPeriod): number | null {
  if (organs.counties === 0 && organs.cities === 0) return null;
  return (organs.counties * quotas.county + organs.cities * quotas.city) * yearsOf(p);
}

export type StatsRates = {
  filingRate: number | null;
  penaltyRate: number | null;
  collectionRate: number | null;
  planCompletion: number | null;
  covertQuota: number | null;
  quotaCompletion: number | null;
};

/** The counts with their rates. */
export function withStatsRates(c: StatsCounts, quota: number | null): StatsCounts & StatsRates {
  return {
    ...c,
    filingRate: filingRate(c),
    penaltyRate: penaltyRate(c),
    collectionRate: collectionRate(c),
    planCompletion: planCompletion(c),
    covertQuota: quota,
    quotaCompletion: quotaCompletion(c.covert, quota),
  };
}

/** The definitions, as the page's tooltips, the Excel's second sheet and the README state them. */
export const STATS_DEFINITIONS = {
  inspections: {
    zh: '检查次数：期间内开始的现场检查（不含仅列入计划和已取消的）；检查企业数为其中不同企业的数量',
    en: 'Inspections: on-site inspections started in the period (not those only planned, not cancelled); enterprises: distinct enterprises among them',
  },
  hazards: {
    zh: '发现隐患：上述检查发现的隐患数；整改隐患：执法检查发现、期间内销号的隐患数',
    en: 'Hazards found by those inspections; fixed: hazards found by enforcement and closed in the period',
  },
  filingRate: {
    zh: '立案率 = 期间内立案数 ÷ 期间内发现违法行为的检查次数',
    en: 'Filing rate = cases filed in the period ÷ inspections in the period that found violations',
  },
  penaltyRate: {
    zh: '处罚率 = 期间内作出行政处罚决定数 ÷ 期间内立案数',
    en: 'Penalty rate = penalty decisions made in the period ÷ cases filed in the period',
  },
  collectionRate: {
    zh: '罚款收缴率 = 期间内决定的罚款中已缴纳的金额 ÷ 期间内决定的罚款金额',
    en: 'Collection rate = of the fines decided in the period, the amount paid ÷ the amount decided',
  },
  planCompletion: {
    zh: '计划完成率 = 年度检查计划中应于期间内检查且已完成（出具检查记录或已办结）的次数 ÷ 应于期间内检查的次数（已取消的不计）',
    en: 'Plan completion = plan inspections due in the period and carried out (record issued or closed) ÷ plan inspections due in the period (cancelled ones not counted)',
  },
  quotaCompletion: {
    zh: '明查暗访任务完成率 = 期间内明查暗访次数 ÷（辖区内各执法机构的年度任务之和 × 期间涉及的年数）；年度任务：县级不少于 3 次、设区市层面不少于 5 次（暂定，可在系统设置中调整）',
    en: 'Covert-visit quota = covert inspections in the period ÷ (the yearly quotas of the enforcing organs in the area × the calendar years the period touches); quotas: county ≥ 3, city ≥ 5 a year (provisional, a setting)',
  },
  closures: {
    zh: '责令停产停业整顿（关闭）：期间内作出的处罚决定中含停产停业整顿或关闭的件数；移送司法机关：期间内立案且已移送的件数',
    en: 'Suspensions: decisions of the period that ordered a suspension or closure; transfers: cases filed in the period and transferred to the judiciary',
  },
} as const satisfies Record<string, Bilingual>;

// ---------------------------------------------------------------------------------------------
// Presentation: the same everywhere (page, Excel, PDF).

/** A rate as a percentage with one decimal; — when there was nothing to divide by. */
export const formatRate = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

/** Digits grouped in threes: 1,234,567 (1,234.5 keeps its decimals, at most two). */
export function groupDigits(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** An amount of money in yuan as people read it: 12,000 元, 12,000.50 元; ≥ 10,000 also in 万元 in brackets. */
export function formatYuan(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const cents = Math.round(n * 100);
  const text = `${groupDigits(cents / 100, cents % 100 === 0 ? 0 : 2)} 元`;
  return Math.abs(n) >= 10_000 ? `${text}（${groupDigits(n / 10_000, 2)} 万元）` : text;
}

/** A count, or — where it is not known (hazards fixed without the link to inspections). */
export const formatCount = (n: number | null | undefined) => (n === null || n === undefined ? '—' : groupDigits(n));

// ---------------------------------------------------------------------------------------------
// The API.

export const STATS_GROUPS = ['region', 'month', 'industry'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const STATS_GROUP_LABELS: Record<StatsGroup, Bilingual> = {
  region: { zh: '按下级区划', en: 'By sub-region' },
  month: { zh: '按月份', en: 'By month' },
  industry: { zh: '按行业', en: 'By industry' },
};

const regionCodeParam = z
  .string()
  .regex(/^\d{2,12}$/, bi('区划代码应为 2–12 位数字', 'A region code is 2–12 digits'))
  .optional();
const dayParam = z.string().regex(DAY, bi('日期格式为 YYYY-MM-DD', 'A date is YYYY-MM-DD')).optional();

/** GET /api/v1/enforcement/stats (and stats.xlsx). The period is checked by parseStatsPeriod. */
export const enforcementStatsQuerySchema = z.object({
  /** The jurisdiction broken down; default: the caller's own. */
  regionCode: regionCodeParam,
  /** A named period: 2025, 2025-07, 2025-Q3. */
  period: z.string().optional(),
  from: dayParam,
  to: dayParam,
  groupBy: z
    .enum(STATS_GROUPS, { message: bi('分组为 region、month 或 industry', 'Group by region, month or industry') })
    .default('region'),
  /** Only this department's inspections and cases. */
  departmentId: z.uuid({ message: bi('部门编号格式不正确', 'Invalid department id') }).optional(),
});
export type EnforcementStatsQuery = z.infer<typeof enforcementStatsQuerySchema>;

/** GET /api/v1/enforcement/monthly-report.pdf */
export const monthlyReportQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, bi('月份格式为 YYYY-MM', 'A month is YYYY-MM')),
  departmentId: z.uuid({ message: bi('部门编号格式不正确', 'Invalid department id') }).optional(),
  regionCode: regionCodeParam,
});

const count = z.number().int();
const money = z.number();
const rate = z.number().nullable();

export const statsFiguresSchema = z.object({
  inspections: count,
  enterprises: count,
  unannounced: count,
  covert: count,
  withViolations: count,
  violations: count,
  hazardsFound: count,
  hazardsFixed: count.nullable(),
  cases: count,
  decisions: count,
  finesDecided: money,
  finesCollected: money,
  suspensions: count,
  transfers: count,
  planned: count,
  planDone: count,
  filingRate: rate,
  penaltyRate: rate,
  collectionRate: rate,
  planCompletion: rate,
  covertQuota: count.nullable(),
  quotaCompletion: rate,
});
export type StatsFigures = z.infer<typeof statsFiguresSchema>;

export const enforcementStatsSchema = z.object({
  /** The jurisdiction: its 12-digit code and name ('' and 全国 for the country). */
  region: z.object({ code: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  groupBy: z.enum(STATS_GROUPS),
  /** The yearly quotas of covert visits in force there, and that they are provisional. */
  quotas: z.object({ county: count, city: count, provisional: z.boolean() }),
  totals: statsFiguresSchema,
  /** One row per child region (those with something counted, or all when few), month or industry division. */
  groups: z.array(statsFiguresSchema.extend({ key: z.string(), name: z.string() })),
  definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
});
export type EnforcementStats = z.infer<typeof enforcementStatsSchema>;
