// Who may score assessments, record vetoes and issue the quarterly bulletin (考核, issue 26). Owner: assessment.
// A jurisdiction prepares its own sheet (自评: compute, score the manual items, submit, and owe the
// fix plan when it fails); the level directly above keeps the template, confirms or returns the
// sheet, records vetoes and issues the bulletin of its children. Counties are assessed by their
// city, cities by their province. Administrators read.
import { type Actor, isAdmin, isSupervisor, regionPrefix } from '../auth/roles.ts';
import { type AssessedLevel, type AssessmentAction, type AssessmentStatus, assessmentNext } from './assessment.ts';

/** The level a supervisor assesses (its children's), or null. */
export function assessorOf(a: Actor): AssessedLevel | null {
  if (a.role === 'provinceSupervisor') return 'city';
  if (a.role === 'citySupervisor') return 'county';
  return null;
}

/** The level of a 12-digit region code among those assessed, or null (provinces, townships). */
export function assessedLevelOf(regionCode12: string): AssessedLevel | null {
  if (/^\d{2}(?!00)\d{2}0{8}$/.test(regionCode12)) return 'city';
  if (/^\d{4}(?!00)\d{2}0{6}$/.test(regionCode12)) return 'county';
  return null;
}

/** The region code directly above an assessed one (a county's city, a city's province). */
export const assessingRegionOf = (regionCode12: string) =>
  assessedLevelOf(regionCode12) === 'county' ? `${regionCode12.slice(0, 4)}00000000` : `${regionCode12.slice(0, 2)}0000000000`;

/** How the actor stands to a jurisdiction: its own supervisor, the level directly above, or neither. */
export function relationTo(a: Actor, regionCode12: string): 'own' | 'above' | 'other' {
  if (!isSupervisor(a) || a.scope.industries !== null) return 'other';
  if (a.scope.regionPrefix === regionPrefix(regionCode12)) return 'own';
  if (a.scope.regionPrefix === regionPrefix(assessingRegionOf(regionCode12)) && assessedLevelOf(regionCode12) === assessorOf(a))
    return 'above';
  return 'other';
}

export const mayViewAssessments = (a: Actor) => isAdmin(a) || (isSupervisor(a) && a.role !== 'townshipSupervisor');
/** The level above keeps its children's template, records vetoes and issues bulletins. */
export const mayAssess = (a: Actor) => assessorOf(a) !== null && a.scope.industries === null;
/** A county or city prepares its own sheet. */
export const mayPrepareAssessment = (a: Actor) =>
  (a.role === 'countySupervisor' || a.role === 'citySupervisor') && a.scope.industries === null;

/** The general "may …" answers of this part, sent with /api/v1/me (keys `<capability>.<action>`). */
export function assessmentAbilities(a: Actor): Record<string, boolean> {
  return {
    'assessment.view': mayViewAssessments(a),
    'assessment.prepare': mayPrepareAssessment(a),
    'assessment.assess': mayAssess(a),
    'assessment.veto': mayAssess(a),
    'assessment.bulletin': mayAssess(a) || a.role === 'countySupervisor',
  };
}

/** What the policy needs to know of a sheet. */
export type AssessmentPolicyView = {
  regionCode: string;
  status: AssessmentStatus;
  /** Every manual item scored. */
  complete: boolean;
  hasManualItems: boolean;
  grade: string | null;
  fixPlanSubmitted: boolean;
};

/** Who takes each step at all: the jurisdiction itself, the level above, or both. A step outside
 * the asker's part is 403 (not theirs); inside it but not now, 409 (the state). */
export const ASSESSMENT_STEP_TAKERS: Record<AssessmentAction, readonly ('own' | 'above')[]> = {
  compute: ['own'],
  score: ['own', 'above'],
  submit: ['own'],
  confirm: ['above'],
  return: ['above'],
  submitFixPlan: ['own'],
};

/** Whether the step is the asker's to take at all (whatever the state). */
export function takesAssessmentStep(a: Actor, regionCode: string, action: AssessmentAction): boolean {
  const rel = relationTo(a, regionCode);
  return rel !== 'other' && ASSESSMENT_STEP_TAKERS[action].includes(rel);
}

export function assessmentAllowedActions(a: Actor, x: AssessmentPolicyView): AssessmentAction[] {
  const rel = relationTo(a, x.regionCode);
  const out: AssessmentAction[] = [];
  const can = (act: AssessmentAction) => assessmentNext(x.status, act) !== null;
  if (rel === 'own') {
    if (can('compute')) out.push('compute');
    if (x.hasManualItems && can('score')) out.push('score');
    if (can('submit') && x.complete) out.push('submit');
    if (can('submitFixPlan') && x.grade === 'fail' && !x.fixPlanSubmitted) out.push('submitFixPlan');
  }
  if (rel === 'above') {
    // The assessor may correct the hand scores before confirming (考核组 评分), and decides.
    if (x.hasManualItems && can('score')) out.push('score');
    if (can('confirm')) out.push('confirm', 'return');
  }
  return out;
}
