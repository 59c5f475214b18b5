// Duty (值班) rules as pure functions: who must keep a duty system and who must keep 24-hour duty
// (Decree 708 Art. 14), which units must have a rescue team or an agreement (Art. 10), the gaps of
// a 24-hour roster in a window, who is on duty at a moment, and the overlaps of one person's
// shifts. Times are ISO 8601 instants; a shift is the half-open interval [startsAt, endsAt), so a
// shift ending 08:00 and the next starting 08:00 leave no gap. Owner: teams (救援队伍、专家、值班).

import { decree708Kinds, type EmergencyPlansUnit, isDecree708Unit } from './plans-obligations.ts';

type Label = { zh: string; en: string };

/** The settings the duty rule reads (teams-settings.ts; the provisional ones say why). */
export type DutyRules = {
  /** Governments and their departments are held to 24-hour duty (practice; Art. 14 names only a duty system). */
  governments24h: boolean;
  /** Rescue teams are held to 24-hour duty (practice; Art. 14 names only a duty system). */
  teams24h: boolean;
  /** 规模较大: a hazardous-goods unit with at least this many employees keeps 24-hour duty (Art. 14 ¶2). */
  largeHazardousMinEmployees: number;
};
export const DEFAULT_DUTY_RULES: DutyRules = { governments24h: true, teams24h: true, largeHazardousMinEmployees: 100 };

/** A unit as the directory knows it: its high-risk flags, industry (GB/T 4754) and head count. */
export type DutyUnitFacts = { highRisk: readonly string[]; industryCode: string | null; employees: number | null };
export type DutyUnit = { kind: 'government' } | { kind: 'department' } | { kind: 'team' } | ({ kind: 'enterprise' } & DutyUnitFacts);

// Which units Art. 7, 10 and 14 name is one rule, the plans part's reading of the directory
// (plans-obligations.ts: industry codes, high-risk flags): Art. 14's duty units are Art. 7's list
// without the crowded places, Art. 10's rescue-team units are the whole list.
const asUnit = (u: DutyUnitFacts): EmergencyPlansUnit => ({
  industryCode: u.industryCode ?? '',
  highRisk: u.highRisk,
  employees: u.employees,
});

export const isHazardousGoodsUnit = (u: DutyUnitFacts) => decree708Kinds(asUnit(u)).includes('dangerousGoods');

/** Art. 14 (二): 危险物品的生产、经营、储存、运输单位以及矿山、金属冶炼、城市轨道交通运营、建筑施工单位. */
export function isDutyUnit(u: DutyUnitFacts): boolean {
  return decree708Kinds(asUnit(u)).some((k) => k !== 'crowdedPlace');
}

/**
 * Art. 10 (and Art. 7's list): the units that must build a rescue team — a small one may instead
 * designate part-time rescuers and sign a rescue agreement with a team — the Art. 14 units plus
 * 宾馆、商场、娱乐场所、旅游景区等人员密集场所经营单位.
 */
export const needsRescueTeam = (u: DutyUnitFacts) => isDecree708Unit(asUnit(u));

export type DutyObligation = {
  /** Must set up a duty system with people on duty (Art. 14 ¶1). */
  dutySystem: boolean;
  /** Must keep 24-hour duty: the roster check looks for gaps. */
  twentyFourHour: boolean;
  /** Why, for the page. */
  basis: Label;
  /** The answer rests on a provisional setting. */
  provisional: boolean;
};

const NONE: DutyObligation = {
  dutySystem: false,
  twentyFourHour: false,
  basis: { zh: '不在《生产安全事故应急条例》第十四条所列范围', en: 'Not named by Decree 708 Art. 14' },
  provisional: false,
};

/** Decree 708 Art. 14: who must keep a duty system, and who 24-hour duty. */
export function dutyObligation(u: DutyUnit, rules: DutyRules = DEFAULT_DUTY_RULES): DutyObligation {
  switch (u.kind) {
    case 'government':
    case 'department':
      return {
        dutySystem: true,
        twentyFourHour: rules.governments24h,
        basis: {
          zh: '条例第十四条第一项：县级以上人民政府及其负有安全生产监督管理职责的部门',
          en: 'Art. 14 (1): governments and departments',
        },
        provisional: true,
      };
    case 'team':
      return {
        dutySystem: true,
        twentyFourHour: rules.teams24h,
        basis: { zh: '条例第十四条第三项：应急救援队伍', en: 'Art. 14 (3): rescue teams' },
        provisional: true,
      };
    case 'enterprise': {
      if (!isDutyUnit(u)) return NONE;
      if (isHazardousGoodsUnit(u) && (u.employees ?? 0) >= rules.largeHazardousMinEmployees)
        return {
          dutySystem: true,
          twentyFourHour: true,
          basis: {
            zh: `条例第十四条第二款：规模较大的危险物品单位（从业人员 ${rules.largeHazardousMinEmployees} 人以上，暂定）实行 24 小时应急值班`,
            en: `Art. 14 ¶2: a larger hazardous-goods unit (${rules.largeHazardousMinEmployees}+ employees, provisional) keeps 24-hour duty`,
          },
          provisional: true,
        };
      return {
        dutySystem: true,
        twentyFourHour: false,
        basis: {
          zh: '条例第十四条第二项：危险物品、矿山、金属冶炼、城市轨道交通运营、建筑施工单位建立应急值班制度',
          en: 'Art. 14 (2): hazardous goods, mining, metallurgy, rail transit and construction units keep a duty system',
        },
        provisional: false,
      };
    }
  }
}

export const mustKeep24hDuty = (u: DutyUnit, rules: DutyRules = DEFAULT_DUTY_RULES) => dutyObligation(u, rules).twentyFourHour;

// ---- rosters --------------------------------------------------------------------------------------

export type ShiftSpan = { startsAt: string; endsAt: string };
export type Gap = { from: string; to: string; minutes: number };

/**
 * The stretches of [from, to) no shift covers. Shifts are half-open: one ending when the next
 * starts leaves nothing; a minute between them is a gap of one minute.
 */
export function rosterGaps(shifts: readonly ShiftSpan[], from: string, to: string): Gap[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const spans = shifts
    .map((s) => [Math.max(Date.parse(s.startsAt), start), Math.min(Date.parse(s.endsAt), end)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const gaps: Gap[] = [];
  let cursor = start;
  for (const [s, e] of spans) {
    if (s > cursor) gaps.push(gap(cursor, s));
    cursor = Math.max(cursor, e);
  }
  if (cursor < end) gaps.push(gap(cursor, end));
  return gaps;
}
const gap = (a: number, b: number): Gap => ({
  from: new Date(a).toISOString(),
  to: new Date(b).toISOString(),
  minutes: Math.round((b - a) / 60000),
});

/** The shifts running at `at` (start included, end excluded), leaders first. */
export function onDutyAt<S extends ShiftSpan & { role: string }>(shifts: readonly S[], at: string): S[] {
  const t = Date.parse(at);
  return shifts
    .filter((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt))
    .sort((a, b) => (a.role === b.role ? a.startsAt.localeCompare(b.startsAt) : a.role === 'leader' ? -1 : 1));
}

/** Two shifts overlap when each starts before the other ends (touching ends do not overlap). */
export const shiftsOverlap = (a: ShiftSpan, b: ShiftSpan) =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

/** The same person's shifts (by name, same roster) that overlap a new one. */
export function overlappingShifts<S extends ShiftSpan & { personName: string }>(
  existing: readonly S[],
  s: ShiftSpan & { personName: string },
): S[] {
  const name = s.personName.trim();
  return existing.filter((e) => e.personName.trim() === name && shiftsOverlap(e, s));
}

const WEEK = 7 * 86_400_000;

/** Last week's shifts moved a week on (copy last week), leaving out those that would clash with what is there. */
export function copyWeekForward<S extends ShiftSpan & { personName: string; role: string; phone: string }>(
  lastWeek: readonly S[],
  thisWeek: readonly (ShiftSpan & { personName: string })[],
): { personName: string; role: string; phone: string; startsAt: string; endsAt: string }[] {
  const out: { personName: string; role: string; phone: string; startsAt: string; endsAt: string }[] = [];
  for (const s of lastWeek) {
    const moved = {
      personName: s.personName,
      role: s.role,
      phone: s.phone,
      startsAt: new Date(Date.parse(s.startsAt) + WEEK).toISOString(),
      endsAt: new Date(Date.parse(s.endsAt) + WEEK).toISOString(),
    };
    if (overlappingShifts([...thisWeek, ...out], moved).length) continue;
    out.push(moved);
  }
  return out;
}

/** The Monday 00:00 Beijing time of the week holding `at`, as an ISO instant, and its day. */
export function beijingWeekStart(at: Date): { day: string; instant: string } {
  const bj = new Date(at.getTime() + 8 * 3_600_000);
  const dow = (bj.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate() - dow));
  const day = monday.toISOString().slice(0, 10);
  return { day, instant: new Date(`${day}T00:00:00+08:00`).toISOString() };
}
