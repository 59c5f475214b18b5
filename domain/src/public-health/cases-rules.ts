// 传染病报告卡 rules: reporting deadline (2 h / 24 h by the version in force on the diagnosis date),
// time order, the case state machine, who sees the person in clear, and suspected duplicates.
// Owner: cases. Pure.
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';
import type { DiseaseVersion } from './cases-diseases.ts';

export type PhCaseStatus = 'reported' | 'returned' | 'reviewed' | 'merged' | 'revoked';
export const PH_CASE_STATUSES: readonly PhCaseStatus[] = ['reported', 'returned', 'reviewed', 'merged', 'revoked'];
export type PhClassification = 'suspected' | 'clinical' | 'confirmed' | 'carrier';
export const PH_CLASSIFICATIONS: readonly PhClassification[] = ['suspected', 'clinical', 'confirmed', 'carrier'];
export type PhCaseAction = 'review' | 'return' | 'resubmit' | 'revoke' | 'reclassify' | 'merge';
export const PH_CASE_ACTIONS: readonly PhCaseAction[] = ['review', 'return', 'resubmit', 'revoke', 'reclassify', 'merge'];

const H = 3600_000;

/** Hours allowed from diagnosis to the network report: 2 for 甲类 and 按甲类管理, else 24. */
export function reportDeadlineHours(v: Pick<DiseaseVersion, 'class' | 'managedAsClassA'>): 2 | 24 {
  return v.class === 'A' || v.managedAsClassA ? 2 : 24;
}

export function reportDeadline(v: Pick<DiseaseVersion, 'class' | 'managedAsClassA'>, diagnosedAt: Date): Date {
  return new Date(diagnosedAt.getTime() + reportDeadlineHours(v) * H);
}

export function isLate(deadline: Date, reportedAt: Date): boolean {
  return reportedAt.getTime() > deadline.getTime();
}

export type PhTimeProblem = { field: 'onsetAt' | 'diagnosedAt'; reason: 'afterDiagnosis' | 'future' };

/** onset ≤ diagnosis ≤ report time; nothing in the future. */
export function caseTimeProblems(onsetAt: Date | null, diagnosedAt: Date, reportedAt: Date): PhTimeProblem[] {
  const out: PhTimeProblem[] = [];
  if (diagnosedAt.getTime() > reportedAt.getTime()) out.push({ field: 'diagnosedAt', reason: 'future' });
  if (onsetAt && onsetAt.getTime() > reportedAt.getTime()) out.push({ field: 'onsetAt', reason: 'future' });
  else if (onsetAt && onsetAt.getTime() > diagnosedAt.getTime()) out.push({ field: 'onsetAt', reason: 'afterDiagnosis' });
  return out;
}

export function reviewDueAt(reportedAt: Date, windowHours: number): Date {
  return new Date(reportedAt.getTime() + windowHours * H);
}

export function investigationDueAt(diagnosedAt: Date, hours: number): Date {
  return new Date(diagnosedAt.getTime() + hours * H);
}

/** What a case looks like to the rules. */
export type PhCaseFacts = {
  status: PhCaseStatus;
  facilityId: string;
  regionCode: string;
  reportRegionCode: string;
};

const within = (prefix: string, code: string) => code.startsWith(prefix);

/** A cdcReviewer whose region covers the residence or the reporting place. */
export function isJurisdictionReviewer(a: Actor, c: Pick<PhCaseFacts, 'regionCode' | 'reportRegionCode'>): boolean {
  return a.role === 'cdcReviewer' && (within(a.scope.regionPrefix, c.regionCode) || within(a.scope.regionPrefix, c.reportRegionCode));
}

export function isOwnFacilityReporter(a: Actor, c: Pick<PhCaseFacts, 'facilityId'>): boolean {
  return a.role === 'medicalReporter' && a.scope.enterpriseId === c.facilityId;
}

/** May the actor see the case at all (masked or not). */
export function canViewCase(a: Actor, c: PhCaseFacts): boolean {
  if (isAdmin(a)) return true;
  if (a.role === 'medicalReporter') return isOwnFacilityReporter(a, c);
  if (a.role === 'cdcReviewer' || isSupervisor(a))
    return within(a.scope.regionPrefix, c.regionCode) || within(a.scope.regionPrefix, c.reportRegionCode);
  return false;
}

/** Sees the person in clear: the jurisdiction's reviewer and the reporting facility's reporter. */
export function seesPersonClear(a: Actor, c: PhCaseFacts): boolean {
  return isJurisdictionReviewer(a, c) || isOwnFacilityReporter(a, c);
}

const TRANSITIONS: Record<PhCaseAction, { from: PhCaseStatus[]; to: PhCaseStatus | null }> = {
  review: { from: ['reported'], to: 'reviewed' },
  return: { from: ['reported'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'reported' },
  revoke: { from: ['reported', 'returned', 'reviewed'], to: 'revoked' },
  reclassify: { from: ['reported', 'returned', 'reviewed'], to: null },
  merge: { from: ['reported', 'reviewed'], to: 'merged' },
};

/** The status after an action (reclassify keeps it). */
export function caseStatusAfter(action: PhCaseAction, from: PhCaseStatus): PhCaseStatus {
  return TRANSITIONS[action].to ?? from;
}

/** The actions the actor may take on the case now. */
export function allowedCaseActions(a: Actor, c: PhCaseFacts): PhCaseAction[] {
  const reviewer = isJurisdictionReviewer(a, c);
  const reporter = isOwnFacilityReporter(a, c);
  return PH_CASE_ACTIONS.filter((act) => {
    if (!TRANSITIONS[act].from.includes(c.status)) return false;
    switch (act) {
      case 'review':
      case 'return':
      case 'merge':
        return reviewer;
      case 'resubmit':
        return reporter;
      case 'revoke':
        // The reporter withdraws its own unreviewed card; the reviewer revokes any (e.g. a wrong report).
        return reviewer || (reporter && c.status !== 'reviewed');
      case 'reclassify':
        return reviewer || (reporter && c.status !== 'reviewed');
    }
    return false;
  });
}

/** Statuses that count in statistics, clusters and duplicates. */
export const PH_COUNTED_STATUSES: readonly PhCaseStatus[] = ['reported', 'returned', 'reviewed'];

export type PhDupCandidate = { id: string; personKey: string; diseaseCode: string; diagnosedAt: Date; status: PhCaseStatus };

/** Cases of the same person and disease diagnosed within `windowDays` (inclusive) of the case. */
export function suspectedDuplicates<C extends PhDupCandidate>(c: PhDupCandidate, others: readonly C[], windowDays: number): C[] {
  const w = windowDays * 24 * H;
  return others.filter(
    (o) =>
      o.id !== c.id &&
      o.personKey === c.personKey &&
      o.diseaseCode === c.diseaseCode &&
      PH_COUNTED_STATUSES.includes(o.status) &&
      Math.abs(o.diagnosedAt.getTime() - c.diagnosedAt.getTime()) <= w,
  );
}
