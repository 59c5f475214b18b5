// Who may do what with an accident. Anyone who can see it in their jurisdiction reads it (the
// store's row-level scope decides that); the unit's own accounts report and follow up; the
// supervisors of each level in the chain forward, acknowledge and follow up; the level the grade
// names investigates (a higher level may take over), and the approval is another person's (four eyes).
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';
import { levelRank } from './chain.ts';
import type { ChainLevel } from './grades.ts';
import { ACCIDENT_TRANSITIONS, type AccidentStatus, mayTakeOver } from './investigation.ts';

export const ACCIDENT_ACTIONS = [
  'followUp',
  'endReporting',
  'forward',
  'acknowledge',
  'notifyParallel',
  'markFault',
  'startInvestigation',
  'takeOver',
  'addMember',
  'pause',
  'resume',
  'extend',
  'submitReport',
  'returnReport',
  'approve',
  'publish',
  'evaluate',
  'pushLesson',
] as const;
export type AccidentAction = (typeof ACCIDENT_ACTIONS)[number];
export const ACCIDENT_ACTION_LABELS: Record<AccidentAction, { zh: string; en: string }> = {
  followUp: { zh: '续报', en: 'Follow-up report' },
  endReporting: { zh: '终报', en: 'Final report' },
  forward: { zh: '上报', en: 'Forward up' },
  acknowledge: { zh: '签收', en: 'Acknowledge' },
  notifyParallel: { zh: '通报有关部门', en: 'Notify bodies' },
  markFault: { zh: '认定迟报/漏报/谎报/瞒报', en: 'Record a reporting fault' },
  startInvestigation: { zh: '启动调查', en: 'Start investigation' },
  takeOver: { zh: '提级调查', en: 'Take over the investigation' },
  addMember: { zh: '调查组成员', en: 'Team members' },
  pause: { zh: '技术鉴定（暂停计时）', en: 'Technical appraisal (pause)' },
  resume: { zh: '鉴定结束（恢复计时）', en: 'Appraisal done (resume)' },
  extend: { zh: '延长调查期限', en: 'Extend the deadline' },
  submitReport: { zh: '提交调查报告', en: 'Submit the report' },
  returnReport: { zh: '退回调查报告', en: 'Return the report' },
  approve: { zh: '批复调查报告', en: 'Approve the report' },
  publish: { zh: '公开调查报告', en: 'Publish the report' },
  evaluate: { zh: '整改评估', en: 'Evaluate the fixes' },
  pushLesson: { zh: '警示推送', en: 'Push the lessons' },
};

/** The chain level a supervisor acts at (null for townships, enterprises, inspectors of departments). */
export function actorChainLevel(a: Actor): ChainLevel | null {
  if (hasRole(a, 'countySupervisor')) return 'county';
  if (hasRole(a, 'citySupervisor')) return 'city';
  if (hasRole(a, 'provinceSupervisor')) return 'province';
  return null;
}

/** May report an accident (快报): the enterprise's accounts for their unit, and any official. */
export const mayReportAccident = (a: Actor) => isEnterpriseUser(a) || isSupervisor(a) || hasRole(a, 'gridWorker', 'departmentInspector');
/** May read accidents at all (the store narrows to the jurisdiction or the unit). */
export const mayViewAccidents = (a: Actor) => isAdmin(a) || mayReportAccident(a);
/** May read the statistics: regulators and administrators. */
export const mayViewAccidentStats = (a: Actor) => isAdmin(a) || isSupervisor(a) || hasRole(a, 'departmentInspector');

/** The abilities the UI's menu reads. */
export function accidentAbilities(a: Actor) {
  return {
    'accidents.view': mayViewAccidents(a),
    'accidents.report': mayReportAccident(a),
    'accidents.stats': mayViewAccidentStats(a),
  };
}

/** What the UI needs to know about an accident to offer its steps. */
export type AccidentPolicyView = {
  status: AccidentStatus;
  enterpriseId: string | null;
  nearMiss: boolean;
  reportingEnded: boolean;
  /** The chain level that must forward now, if any. */
  waitingAt: ChainLevel | null;
  /** Levels that received the report, and those of them that acknowledged it. */
  received: readonly ChainLevel[];
  acknowledged: readonly ChainLevel[];
  /** The level running the investigation (by grade, or a higher one that took over). */
  investigatingLevel: ChainLevel;
  extended: boolean;
  paused: boolean;
  /** Who submitted the report (the approval must be someone else's). */
  submittedBy: string | null;
  /** The regrade window (Art. 13 ¶2) is still open: changed casualties may be reported after 终报 (补报). */
  regradeWindowOpen?: boolean;
};

export function accidentAllowedActions(a: Actor, x: AccidentPolicyView): AccidentAction[] {
  const out: AccidentAction[] = [];
  const level = actorChainLevel(a);
  const own = isEnterpriseUser(a) && !!x.enterpriseId && a.scope.enterpriseId === x.enterpriseId;
  const open = x.status !== 'closed';
  if ((own || isSupervisor(a)) && open && (!x.reportingEnded || x.regradeWindowOpen)) out.push('followUp');
  if (!level) return out;
  if (open && !x.reportingEnded && x.received.includes(level)) out.push('endReporting');
  if (x.waitingAt === level) out.push('forward');
  if (x.received.includes(level) && !x.acknowledged.includes(level)) out.push('acknowledge');
  if (x.received.includes(level)) out.push('notifyParallel', 'markFault', 'pushLesson');
  // 特别重大 is the State Council's investigation: the province records its steps on the platform.
  const runs = level === x.investigatingLevel || (x.investigatingLevel === 'national' && level === 'province');
  const can = (t: keyof typeof ACCIDENT_TRANSITIONS) => (ACCIDENT_TRANSITIONS[t].from as readonly AccidentStatus[]).includes(x.status);
  if (x.nearMiss) return out;
  if (runs && can('startInvestigation')) out.push('startInvestigation');
  if (mayTakeOver(level, x.investigatingLevel) && (x.status === 'reporting' || x.status === 'investigating')) out.push('takeOver');
  if (runs && x.status === 'investigating') {
    // A report is not submitted while a technical appraisal holds the clock.
    out.push('addMember', ...(x.paused ? (['resume'] as const) : (['pause', 'submitReport'] as const)));
    if (!x.extended) out.push('extend');
  }
  if (runs && can('approve') && x.submittedBy !== a.id) out.push('approve', 'returnReport');
  if (runs && can('publish')) out.push('publish');
  if (runs && can('evaluate')) out.push('evaluate');
  return out;
}

/** Levels ordered, for sorting and comparisons in the UI. */
export const chainLevelOrder = (l: ChainLevel) => levelRank(l);
