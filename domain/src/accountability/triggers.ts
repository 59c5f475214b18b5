// 约谈 triggers (安委〔2018〕2号《安全生产约谈实施办法（试行）》) computed from accidents per
// jurisdiction. A trigger is proposed to the level ABOVE the jurisdiction it names: the nation
// sees provinces, a province its cities, a city its counties. Accidents are counted by their exact
// grade (a 重大 accident fires its own rule rather than counting as a 较大 one); near misses never
// count. Windows are counted in Beijing calendar dates: "30 日内" holds while the later accident's
// date is at most 30 days after the earlier one's, "6 个月内" while it is on or before the same day
// six months later (the month's last day when that month is shorter).
import type { AccidentGrade } from '../whistleblowing/rewards.ts';

export const TRIGGER_LEVELS = ['province', 'city', 'county'] as const;
export type TriggerLevel = (typeof TRIGGER_LEVELS)[number];

export type TriggerWindow = { days: number } | { months: number } | null;

export type TriggerRule = {
  key: string;
  /** The level of the government summoned. */
  level: TriggerLevel;
  grade: AccidentGrade;
  count: number;
  window: TriggerWindow;
  /** Only accidents with a recorded 瞒报/谎报 count (the platform's reading of 性质严重). */
  concealedOnly?: boolean;
  /** Only accidents with at least one death count. */
  fatalOnly?: boolean;
  /** Who is summoned: the principal (主要负责人) or the one in charge of work safety (分管负责人). */
  summoned: 'principal' | 'deputy';
  label: { zh: string; en: string };
  source: string;
  provisional: boolean;
};

const ART4 = '安委〔2018〕2号 第四条';
const ART5 = '安委〔2018〕2号 第五条（据二手资料 bjwsa.org.cn，STANDARDS-NEXT §8.1）';

/** The counts the settings may change for the county level (not named in the national rule). */
export type CountyTriggerCounts = { countyMajorCount: number; countyFatalOrdinaryCount: number };
export const DEFAULT_COUNTY_COUNTS: CountyTriggerCounts = { countyMajorCount: 1, countyFatalOrdinaryCount: 3 };

export function triggerRules(c: CountyTriggerCounts = DEFAULT_COUNTY_COUNTS): TriggerRule[] {
  return [
    {
      key: 'province.especiallySerious',
      level: 'province',
      grade: 'especiallySerious',
      count: 1,
      window: null,
      summoned: 'principal',
      label: { zh: '发生特别重大事故', en: 'An especially serious accident' },
      source: ART4,
      provisional: false,
    },
    {
      key: 'province.serious2in30d',
      level: 'province',
      grade: 'serious',
      count: 2,
      window: { days: 30 },
      summoned: 'deputy',
      label: { zh: '30 日内发生 2 起重大事故', en: '2 serious accidents within 30 days' },
      source: ART5,
      provisional: false,
    },
    {
      key: 'province.serious3in6m',
      level: 'province',
      grade: 'serious',
      count: 3,
      window: { months: 6 },
      summoned: 'deputy',
      label: { zh: '6 个月内发生 3 起重大事故', en: '3 serious accidents within 6 months' },
      source: ART5,
      provisional: false,
    },
    {
      key: 'city.serious',
      level: 'city',
      grade: 'serious',
      count: 1,
      window: null,
      summoned: 'principal',
      label: { zh: '安全生产工作不力，发生重大事故', en: 'A serious accident' },
      source: ART5,
      provisional: false,
    },
    {
      key: 'city.major3in6m',
      level: 'city',
      grade: 'major',
      count: 3,
      window: { months: 6 },
      summoned: 'principal',
      label: { zh: '6 个月内发生 3 起较大事故', en: '3 major accidents within 6 months' },
      source: ART5,
      provisional: false,
    },
    {
      key: 'city.majorConcealed',
      level: 'city',
      grade: 'major',
      count: 1,
      window: null,
      concealedOnly: true,
      summoned: 'principal',
      label: { zh: '发生性质严重的较大事故（认定瞒报/谎报）', en: 'A major accident of severe nature (concealed or falsely reported)' },
      source: `${ART5}；“性质严重”以认定瞒报/谎报为平台判断依据（暂定）`,
      provisional: true,
    },
    {
      key: 'county.major',
      level: 'county',
      grade: 'major',
      count: c.countyMajorCount,
      window: c.countyMajorCount > 1 ? { months: 6 } : null,
      summoned: 'principal',
      label:
        c.countyMajorCount > 1
          ? { zh: `6 个月内发生 ${c.countyMajorCount} 起较大事故`, en: `${c.countyMajorCount} major accidents within 6 months` }
          : { zh: '发生较大事故', en: 'A major accident' },
      source: 'UNCONFIRMED：县级未见国家规定，参照第五条对市级的规定降一级（暂定）',
      provisional: true,
    },
    {
      key: 'county.fatalOrdinary',
      level: 'county',
      grade: 'ordinary',
      count: c.countyFatalOrdinaryCount,
      window: { months: 6 },
      fatalOnly: true,
      summoned: 'principal',
      label: {
        zh: `6 个月内发生 ${c.countyFatalOrdinaryCount} 起死亡事故（一般事故）`,
        en: `${c.countyFatalOrdinaryCount} fatal ordinary accidents within 6 months`,
      },
      source: 'UNCONFIRMED：县级未见国家规定，参照第五条对市级的规定降一级（暂定）',
      provisional: true,
    },
  ];
}

export type TriggerAccident = {
  id: string;
  /** 12-digit region code where it happened. */
  regionCode: string;
  occurredAt: string;
  grade: AccidentGrade;
  nearMiss?: boolean;
  deaths?: number | null;
  concealed?: boolean;
};

export type TriggerFiring = {
  /** Stable: rule, government and the accident that completed the count. */
  key: string;
  rule: string;
  level: TriggerLevel;
  /** The summoned government's 12-digit code. */
  targetRegion: string;
  accidentIds: string[];
  /** When the count was completed (the last accident's time). */
  firedAt: string;
  summoned: 'principal' | 'deputy';
};

const DAY = 86_400_000;
/** The Beijing calendar date of an instant. */
export const triggerDate = (at: string) => new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);

/** The same day `months` later, or that month's last day. */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whether `later` falls within the window opened by `earlier` (both instants). */
export function withinWindow(earlier: string, later: string, window: TriggerWindow): boolean {
  if (!window) return true;
  const a = triggerDate(earlier);
  const b = triggerDate(later);
  if ('days' in window) return (Date.parse(b) - Date.parse(a)) / DAY <= window.days;
  return b <= addCalendarMonths(a, window.months);
}

/** The government of `level` over a 12-digit region code. */
export function regionOfLevel(regionCode: string, level: TriggerLevel): string {
  if (level === 'province') return `${regionCode.slice(0, 2)}0000000000`;
  if (level === 'city') return `${regionCode.slice(0, 4)}00000000`;
  return `${regionCode.slice(0, 6)}000000`;
}

/** The level whose governments a summoning level sees: the one below it. */
export function summonedLevelOf(level: 'national' | TriggerLevel): TriggerLevel | null {
  return level === 'national' ? 'province' : level === 'province' ? 'city' : level === 'city' ? 'county' : null;
}

/**
 * Every firing of the rules over `accidents` whose completing accident happened within the last
 * `lookbackDays` before `now` (an older one is history, not a decision waiting). Each accident
 * that completes a count fires again: the fourth 较大 accident in six months is a new occasion.
 */
export function evaluateTriggers(
  accidents: readonly TriggerAccident[],
  rules: readonly TriggerRule[],
  now: string,
  lookbackDays: number,
): TriggerFiring[] {
  const from = Date.parse(now) - lookbackDays * DAY;
  const out: TriggerFiring[] = [];
  for (const rule of rules) {
    if (rule.count < 1) continue;
    const byRegion = new Map<string, TriggerAccident[]>();
    for (const a of accidents) {
      if (a.nearMiss || a.grade !== rule.grade) continue;
      if (rule.concealedOnly && !a.concealed) continue;
      if (rule.fatalOnly && !(a.deaths && a.deaths > 0)) continue;
      if (Date.parse(a.occurredAt) > Date.parse(now)) continue;
      const r = regionOfLevel(a.regionCode, rule.level);
      byRegion.set(r, [...(byRegion.get(r) ?? []), a]);
    }
    for (const [region, list] of byRegion) {
      list.sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt) || x.id.localeCompare(y.id));
      for (let i = rule.count - 1; i < list.length; i++) {
        const last = list[i] as TriggerAccident;
        if (Date.parse(last.occurredAt) < from) continue;
        const group = list.slice(i - rule.count + 1, i + 1);
        if (!withinWindow((group[0] as TriggerAccident).occurredAt, last.occurredAt, rule.window)) continue;
        out.push({
          key: `${rule.key}:${region}:${last.id}`,
          rule: rule.key,
          level: rule.level,
          targetRegion: region,
          accidentIds: group.map((g) => g.id),
          firedAt: last.occurredAt,
          summoned: rule.summoned,
        });
      }
    }
  }
  return out.sort((a, b) => Date.parse(b.firedAt) - Date.parse(a.firedAt) || a.key.localeCompare(b.key));
}
