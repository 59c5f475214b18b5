// The reporting chain (逐级上报, 493 Art. 9–11): the unit's principal reports to the county within
// 1 hour of learning of the accident; each level then forwards within 2 hours of receiving it, up
// to the level the grade requires (REPORT_UP_TO). 越级上报 is allowed (Art. 10 ¶3): a level may
// forward past the next one, and the skipped level is recorded as such. When the grade rises in a
// follow-up, the level that was the top must now forward too: its window runs from the regrade.
// Everything here is pure: times are ISO strings or Dates, "now" is passed in (tests use a fake clock).
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import { CHAIN_LEVELS, type ChainLevel, REPORT_UP_TO } from './grades.ts';

/** Minutes the unit has from its principal learning of the accident (Art. 9). */
export const UNIT_REPORT_MINUTES = 60;
/** Minutes each level has to forward from receipt (Art. 11). */
export const LEVEL_FORWARD_MINUTES = 120;

const MINUTE = 60_000;
const ms = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime());
const iso = (n: number) => new Date(n).toISOString();

export const levelRank = (l: ChainLevel) => CHAIN_LEVELS.indexOf(l);
export const nextLevel = (l: ChainLevel): ChainLevel | null => CHAIN_LEVELS[levelRank(l) + 1] ?? null;

/** The levels the report must reach for this grade, county first. */
export function chainTargets(grade: AccidentGrade): ChainLevel[] {
  return CHAIN_LEVELS.slice(0, levelRank(REPORT_UP_TO[grade]) + 1);
}

/** Whole minutes past a deadline (0 when on time). */
export function lateMinutes(deadline: string | Date, at: string | Date): number {
  return Math.max(0, Math.ceil((ms(at) - ms(deadline)) / MINUTE));
}

/** The unit's deadline: 1 hour from when its principal learned of it (defaulting to the accident time). */
export function unitDeadline(learnedAt: string | Date): string {
  return iso(ms(learnedAt) + UNIT_REPORT_MINUTES * MINUTE);
}

/** A level's record in the chain, as stored. */
export type ChainStep = {
  level: ChainLevel;
  receivedAt: string | null;
  forwardedAt: string | null;
  /** The level it was forwarded to (higher than the next one: 越级). */
  forwardedTo: ChainLevel | null;
};

/** The grade as it stood from a time on (the first report's grade at its receipt, then each regrade). */
export type GradeAt = { grade: AccidentGrade; at: string };

export type ChainRow = {
  level: ChainLevel;
  /** Required by the grade (a level above the top is not). */
  required: boolean;
  receivedAt: string | null;
  /** Passed over by a lower level's 越级 report. */
  skipped: boolean;
  /** This level must forward, and by when (null for the top level or a level not yet reached). */
  forwardBy: string | null;
  forwardedAt: string | null;
  forwardedTo: ChainLevel | null;
  lateMinutes: number;
  overdue: boolean;
  /** Minutes left before forwardBy (negative when overdue); null when nothing is due. */
  remainingMinutes: number | null;
};

export type ChainStatus = {
  unit: { deadline: string; reportedAt: string | null; lateMinutes: number; overdue: boolean };
  rows: ChainRow[];
  /** The level that must act now (forward), or null when the chain is complete. */
  waitingAt: ChainLevel | null;
  complete: boolean;
};

/** The time from which `level` had to forward: its receipt, or the first later moment the grade needed a level above it. */
export function forwardSince(level: ChainLevel, receivedAt: string, grades: readonly GradeAt[]): string | null {
  const received = ms(receivedAt);
  let since: number | null = null;
  for (const g of [...grades].sort((a, b) => ms(a.at) - ms(b.at))) {
    if (levelRank(REPORT_UP_TO[g.grade]) > levelRank(level)) {
      since = Math.max(received, ms(g.at));
      break;
    }
  }
  return since === null ? null : iso(since);
}

/**
 * Where the chain stands. `reportedAt` is when the county (or whoever first received it) got the
 * unit's report; `grades` the grade history, current last.
 */
export function chainStatus(
  a: { learnedAt: string; reportedAt: string | null; grades: readonly GradeAt[]; steps: readonly ChainStep[] },
  now: Date,
): ChainStatus {
  const grade = a.grades[a.grades.length - 1]?.grade ?? 'ordinary';
  const top = levelRank(REPORT_UP_TO[grade]);
  const deadline = unitDeadline(a.learnedAt);
  const unit = {
    deadline,
    reportedAt: a.reportedAt,
    lateMinutes: a.reportedAt ? lateMinutes(deadline, a.reportedAt) : 0,
    overdue: !a.reportedAt && ms(now) > ms(deadline),
  };
  const byLevel = new Map(a.steps.map((s) => [s.level, s]));
  const highestReached = Math.max(-1, ...a.steps.filter((s) => s.receivedAt).map((s) => levelRank(s.level)));
  const rows: ChainRow[] = CHAIN_LEVELS.map((level) => {
    const s = byLevel.get(level);
    const rank = levelRank(level);
    const receivedAt = s?.receivedAt ?? null;
    const skipped = !receivedAt && rank < highestReached;
    const since = receivedAt ? forwardSince(level, receivedAt, a.grades) : null;
    const mustForward = !!since && rank < top;
    const forwardBy = mustForward ? iso(ms(since) + LEVEL_FORWARD_MINUTES * MINUTE) : null;
    const forwardedAt = s?.forwardedAt ?? null;
    const late = forwardBy && forwardedAt ? lateMinutes(forwardBy, forwardedAt) : 0;
    const overdue = !!forwardBy && !forwardedAt && ms(now) > ms(forwardBy);
    return {
      level,
      required: rank <= top,
      receivedAt,
      skipped,
      forwardBy,
      forwardedAt,
      forwardedTo: s?.forwardedTo ?? null,
      lateMinutes: overdue ? lateMinutes(forwardBy, now) : late,
      overdue,
      remainingMinutes: forwardBy && !forwardedAt ? Math.floor((ms(forwardBy) - ms(now)) / MINUTE) : null,
    };
  });
  const waiting = rows.find((r) => r.forwardBy && !r.forwardedAt);
  const topReached = rows.some((r) => r.receivedAt && levelRank(r.level) >= top);
  return { unit, rows, waitingAt: waiting?.level ?? null, complete: topReached && !waiting };
}

/** May `from` forward to `to`? Upwards only; past the next level is 越级 (allowed, recorded). */
export function forwardCheck(from: ChainLevel, to: ChainLevel): { ok: boolean; skipsLevels: ChainLevel[] } {
  const f = levelRank(from);
  const t = levelRank(to);
  if (t <= f) return { ok: false, skipsLevels: [] };
  return { ok: true, skipsLevels: CHAIN_LEVELS.slice(f + 1, t) };
}

/** The chain level of a region code (GB/T 2260, 12 digits): 0000000000 → province, 00000000 → city, else county or below. */
export function levelOfRegion(regionCode12: string): Exclude<ChainLevel, 'national'> {
  if (/^\d{2}0{10}$/.test(regionCode12)) return 'province';
  if (/^\d{4}0{8}$/.test(regionCode12)) return 'city';
  return 'county';
}

/** The region code of the level above `regionCode12` for a chain level (the county's own code for 'county'). */
export function regionAt(regionCode12: string, level: Exclude<ChainLevel, 'national'>): string {
  if (level === 'province') return `${regionCode12.slice(0, 2)}0000000000`;
  if (level === 'city') return `${regionCode12.slice(0, 4)}00000000`;
  return `${regionCode12.slice(0, 6)}000000`;
}
