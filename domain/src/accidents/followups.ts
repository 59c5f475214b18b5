// 续报 / 补报 (493 Art. 13; 原安监总局令第21号): follow-up reports are appended, never overwrite.
// Casualties that change within 30 days of the accident (7 for road traffic and fire) regrade it,
// up or down; after that window, later figures are kept with their date but the grade stands.
// Follow-ups are due daily while the accident is being reported: at least once a day up to 较大,
// twice for 重大 and above (令21号, via secondary sources — a setting, provisional).
import { bi } from '../errors/messages.ts';
import type { AccidentType } from '../risks/accident-types.ts';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import type { StatIndustry } from './catalog.ts';
import { compareGrades, type GradingDimension, gradeAccident } from './grades.ts';

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
/** The Beijing calendar day of an instant. */
export const beijingDay = (t: string | Date) =>
  new Date((typeof t === 'string' ? Date.parse(t) : t.getTime()) + BEIJING).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Casualty and loss figures; null is "not known yet" (marked so, never invented). */
export type AccidentFigures = {
  deaths: number | null;
  seriousInjuries: number | null;
  minorInjuries: number | null;
  missing: number | null;
  directLossWanYuan: number | null;
};
export const FIGURE_FIELDS = ['deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan'] as const;

/** The figures a grade is computed from: unknown counts as zero until reported. */
export function gradeOfFigures(f: AccidentFigures): { grade: AccidentGrade; gradeBy: GradingDimension[] } {
  return gradeAccident({ deaths: f.deaths ?? 0, seriousInjuries: f.seriousInjuries ?? 0, directLossWanYuan: f.directLossWanYuan ?? 0 });
}

/** Days within which changed casualties regrade: 7 for road traffic and fire accidents, else 30 (Art. 13 ¶2). */
export function regradeWindowDays(a: { type: AccidentType | null; statIndustry: StatIndustry | null }): 7 | 30 {
  return a.statIndustry === 'roadTraffic' || a.statIndustry === 'fire' || a.type === 'fire' ? 7 : 30;
}

/** The last Beijing day on which a change still regrades ("自事故发生之日起 N 日内": the accident's day is day 1). */
export function regradeWindowEnd(occurredAt: string, days: number): string {
  return addDays(beijingDay(occurredAt), days - 1);
}

export const withinRegradeWindow = (occurredAt: string, at: string, days: number) => beijingDay(at) <= regradeWindowEnd(occurredAt, days);

/** Follow-ups a day requires, by grade (a setting; this is the default). */
export const DEFAULT_FOLLOW_UPS_PER_DAY: Record<AccidentGrade, number> = { ordinary: 1, major: 1, serious: 2, especiallySerious: 2 };

export type FollowUpInput = {
  /** When the situation reported was true (not after now). */
  at: string;
  figures: Partial<AccidentFigures>;
  /** Required when deaths fall below those already confirmed (a person found alive, a double count). */
  reason?: string | null | undefined;
};
export type FieldError = { field: string; message: string };

/** What a follow-up must satisfy beyond its shape. `now` allows a minute of clock skew. */
export function checkFollowUp(current: { occurredAt: string; figures: AccidentFigures }, input: FollowUpInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const at = Date.parse(input.at);
  if (Number.isNaN(at)) errors.push({ field: 'at', message: bi('时间格式不正确', 'Invalid time') });
  else if (at > now.getTime() + 60_000)
    errors.push({ field: 'at', message: bi('续报时间不能晚于现在', 'The time cannot be in the future') });
  else if (at < Date.parse(current.occurredAt))
    errors.push({ field: 'at', message: bi('续报时间不能早于事故发生时间', 'The time cannot be before the accident') });
  for (const f of FIGURE_FIELDS) {
    const v = input.figures[f];
    if (v === undefined || v === null) continue;
    if (!Number.isFinite(v) || v < 0) errors.push({ field: f, message: bi('不能为负数', 'Cannot be negative') });
    else if (f !== 'directLossWanYuan' && !Number.isInteger(v))
      errors.push({ field: f, message: bi('须为整数', 'Must be a whole number') });
  }
  // A grading figure that falls (a person found alive, a double count, a loss re-assessed) can
  // lower the grade: it needs its reason, whichever figure it is.
  const falls = (['deaths', 'seriousInjuries', 'directLossWanYuan'] as const).filter((f) => {
    const v = input.figures[f];
    const was = current.figures[f];
    if (v == null || was == null || !Number.isFinite(v) || v < 0 || v >= was) return false;
    // A seriously injured person who died moves to the deaths: no reason needed for that share.
    if (f === 'seriousInjuries') {
      const rise = Math.max(0, (input.figures.deaths ?? current.figures.deaths ?? 0) - (current.figures.deaths ?? 0));
      return was - v > rise;
    }
    return true;
  });
  if (falls.length && !input.reason?.trim()) {
    const confirmed = current.figures.deaths;
    errors.push({
      field: 'reason',
      message: falls.includes('deaths')
        ? bi(`死亡人数少于已确认的 ${confirmed} 人，须说明原因`, `Deaths fall below the ${confirmed} confirmed: give the reason`)
        : bi(
            '重伤人数或直接经济损失少于已报数字，须说明原因',
            'Serious injuries or the loss fall below what was reported: give the reason',
          ),
    });
  }
  return errors;
}

export type FollowUpEffect = {
  /** The figures now on record for the accident (unchanged outside the window). */
  figures: AccidentFigures;
  grade: AccidentGrade;
  previousGrade: AccidentGrade;
  /** up / down when the follow-up regraded the accident. */
  regraded: 'up' | 'down' | null;
  /** False when the window had passed: the figures are kept on the report, the grade stands. */
  withinWindow: boolean;
};

/** What a follow-up changes. Unknown (null or absent) figures keep the value on record. */
export function followUpEffect(
  a: { occurredAt: string; type: AccidentType | null; statIndustry: StatIndustry | null; figures: AccidentFigures; grade: AccidentGrade },
  input: FollowUpInput,
  /** When the report arrived: the window is judged by it, so a backdated `at` cannot reopen it. */
  receivedAt: string = input.at,
): FollowUpEffect {
  const withinWindow = withinRegradeWindow(a.occurredAt, receivedAt, regradeWindowDays(a));
  if (!withinWindow) return { figures: a.figures, grade: a.grade, previousGrade: a.grade, regraded: null, withinWindow };
  const figures = { ...a.figures };
  for (const f of FIGURE_FIELDS) {
    const v = input.figures[f];
    if (v !== undefined && v !== null) figures[f] = v;
  }
  const { grade } = gradeOfFigures(figures);
  const c = compareGrades(grade, a.grade);
  return { figures, grade, previousGrade: a.grade, regraded: c > 0 ? 'up' : c < 0 ? 'down' : null, withinWindow };
}

export type FollowUpDay = { day: string; required: number; made: number; missed: number };

/**
 * Follow-ups due on each full Beijing day after the accident's, until reporting ended (终报) or
 * today (today is not yet due), at most 30 days.
 */
export function followUpDays(
  a: { occurredAt: string; grade: AccidentGrade; followUpAts: readonly string[]; endedAt: string | null },
  now: Date,
  perDay: Record<AccidentGrade, number> = DEFAULT_FOLLOW_UPS_PER_DAY,
): FollowUpDay[] {
  const first = addDays(beijingDay(a.occurredAt), 1);
  const endDay = a.endedAt ? beijingDay(a.endedAt) : beijingDay(now);
  const made = new Map<string, number>();
  for (const t of a.followUpAts) made.set(beijingDay(t), (made.get(beijingDay(t)) ?? 0) + 1);
  const days: FollowUpDay[] = [];
  for (let d = first, i = 0; d < endDay && i < 30; d = addDays(d, 1), i++) {
    const required = perDay[a.grade];
    const m = made.get(d) ?? 0;
    days.push({ day: d, required, made: m, missed: Math.max(0, required - m) });
  }
  return days;
}
