// The command centre's loop (指挥中心闭环) over every open signal of the platform, as a state machine:
//   collected (收集) → analysed (分析) → judged (研判) → pushed (推送) → verified (核查) → closed (反馈/办结)
// Reconciling the issue's order with "pushed to the unit with a deadline, the unit's feedback, verification
// by the pusher": while `pushed`, the unit pushed to records its handling (`feedback`, the stage stays
// `pushed`, feedbackAt is set and the deadline becomes the verification deadline); the pusher's side then
// `verify`s it (→ verified) or `rejectFeedback`s it (back to awaiting feedback); `close` records the closing
// feedback (反馈) to the source's owners and ends the loop. `dismiss` at judged: no action needed → closed.
// The loop wraps the source object and never changes the source's own state.
import { type Actor, isAdmin, regionPrefix } from '../auth/roles.ts';
import { maskPhoneNumber } from '../public-health/cases-person.ts';

export const SIGNAL_STAGES = ['collected', 'analysed', 'judged', 'pushed', 'verified', 'closed'] as const;
export type SignalStage = (typeof SIGNAL_STAGES)[number];
export const SIGNAL_ACTIONS = ['analyse', 'judge', 'dismiss', 'push', 'feedback', 'rejectFeedback', 'verify', 'close'] as const;
export type SignalAction = (typeof SIGNAL_ACTIONS)[number];
export const SIGNAL_TYPES = ['accident', 'majorHazard', 'alarm', 'publicReport', 'healthEvent', 'supplyRequest', 'hotline'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];
export const SIGNAL_SEVERITIES = ['low', 'normal', 'high', 'critical'] as const;
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

type L = { zh: string; en: string };
export const SIGNAL_STAGE_LABELS: Record<SignalStage, L> = {
  collected: { zh: '收集', en: 'Collected' },
  analysed: { zh: '分析', en: 'Analysed' },
  judged: { zh: '研判', en: 'Judged' },
  pushed: { zh: '推送', en: 'Pushed' },
  verified: { zh: '核查', en: 'Verified' },
  closed: { zh: '反馈办结', en: 'Closed with feedback' },
};
export const SIGNAL_ACTION_LABELS: Record<SignalAction, L> = {
  analyse: { zh: '完成分析', en: 'Analyse' },
  judge: { zh: '完成研判', en: 'Judge' },
  dismiss: { zh: '研判无需处置', en: 'Dismiss (no action needed)' },
  push: { zh: '推送责任单位', en: 'Push to the responsible unit' },
  feedback: { zh: '反馈处置情况', en: 'Give feedback' },
  rejectFeedback: { zh: '退回反馈', en: 'Reject the feedback' },
  verify: { zh: '核查通过', en: 'Verify' },
  close: { zh: '反馈办结', en: 'Close with feedback' },
};
/** Every step the history records: the actions plus the sync's collection and the overdue escalation. */
export const SIGNAL_STEP_LABELS: Record<SignalAction | 'collect' | 'escalate', L> = {
  collect: { zh: '收集', en: 'Collected' },
  escalate: { zh: '逾期升级', en: 'Escalated when overdue' },
  ...SIGNAL_ACTION_LABELS,
};
export const SIGNAL_TYPE_LABELS: Record<SignalType, L> = {
  accident: { zh: '事故', en: 'Accident' },
  majorHazard: { zh: '重大隐患', en: 'Major hazard' },
  alarm: { zh: '监测报警', en: 'Monitoring alarm' },
  publicReport: { zh: '群众举报', en: 'Public report' },
  healthEvent: { zh: '公共卫生事件', en: 'Public-health event' },
  supplyRequest: { zh: '物资需求', en: 'Supply request' },
  hotline: { zh: '12345 来电', en: '12345 hotline call' },
};
export const SIGNAL_SEVERITY_LABELS: Record<SignalSeverity, L> = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '一般', en: 'Normal' },
  high: { zh: '较高', en: 'High' },
  critical: { zh: '严重', en: 'Critical' },
};
/** Health signals may also be handled by the CDC; all others are safety signals. */
export const signalDomain = (t: SignalType): 'safety' | 'health' => (t === 'healthEvent' ? 'health' : 'safety');

export type SignalFacts = {
  stage: SignalStage;
  domain: 'safety' | 'health';
  regionCode: string;
  pushedRegionCode: string | null;
  pushedEnterpriseId: string | null;
  pushedBy: string | null;
  feedbackAt: string | Date | null;
};

const COMMAND_ROLES = ['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'];

/** The command centre of the signal's jurisdiction: admin, a supervisor whose region holds it, the CDC for health signals. */
export function isCommandOf(a: Actor, s: Pick<SignalFacts, 'domain' | 'regionCode'>): boolean {
  if (isAdmin(a)) return true;
  if (a.scope.enterpriseId !== null) return false;
  const inRegion = s.regionCode.startsWith(a.scope.regionPrefix);
  if (!inRegion) return false;
  if (COMMAND_ROLES.includes(a.role)) return true;
  return a.role === 'cdcReviewer' && s.domain === 'health';
}

/** The accounts that answer for an enterprise pushed to: its users, or a health facility's reporters (医疗机构报告人). */
export const UNIT_ROLES: readonly string[] = ['enterpriseAdmin', 'enterpriseStaff', 'medicalReporter'];

/** The unit the signal was pushed to: a user of that enterprise (or health facility), or a supervisor of exactly that region. */
export function isUnitOf(a: Actor, s: Pick<SignalFacts, 'pushedRegionCode' | 'pushedEnterpriseId'>): boolean {
  if (s.pushedEnterpriseId) {
    return UNIT_ROLES.includes(a.role) && a.scope.enterpriseId === s.pushedEnterpriseId;
  }
  if (s.pushedRegionCode) {
    return COMMAND_ROLES.includes(a.role) && a.scope.enterpriseId === null && a.scope.regionPrefix === regionPrefix(s.pushedRegionCode);
  }
  return false;
}

/** The pusher's side: the pusher or the command centre of the jurisdiction, never the unit itself. */
export function isPusherSideOf(a: Actor, s: SignalFacts): boolean {
  if (isUnitOf(a, s) && !isAdmin(a)) return false;
  return a.id === s.pushedBy || isCommandOf(a, s);
}

type Rule = {
  from: readonly SignalStage[];
  to: SignalStage;
  when?: (s: SignalFacts) => boolean;
  may: (a: Actor, s: SignalFacts) => boolean;
};
const hasFeedback = (s: SignalFacts) => s.feedbackAt !== null;

/** The transition table. */
export const SIGNAL_RULES: Record<SignalAction, Rule> = {
  analyse: { from: ['collected'], to: 'analysed', may: isCommandOf },
  judge: { from: ['analysed'], to: 'judged', may: isCommandOf },
  dismiss: { from: ['judged'], to: 'closed', may: isCommandOf },
  push: { from: ['judged'], to: 'pushed', may: isCommandOf },
  feedback: { from: ['pushed'], to: 'pushed', when: (s) => !hasFeedback(s), may: (a, s) => isUnitOf(a, s) || isAdmin(a) },
  rejectFeedback: { from: ['pushed'], to: 'pushed', when: hasFeedback, may: isPusherSideOf },
  verify: { from: ['pushed'], to: 'verified', when: hasFeedback, may: isPusherSideOf },
  close: { from: ['verified'], to: 'closed', may: isPusherSideOf },
};

/** Actions needing a note: the analysis, the judgement, a dismissal, the feedback, a rejection, the closing feedback. */
export const SIGNAL_ACTIONS_NEEDING_NOTE: readonly SignalAction[] = ['dismiss', 'feedback', 'rejectFeedback', 'close'];

export function signalTransition(
  a: Actor,
  s: SignalFacts,
  action: SignalAction,
): { ok: true; to: SignalStage } | { ok: false; reason: 'invalidState' | 'forbidden' } {
  const r = SIGNAL_RULES[action];
  if (!r.from.includes(s.stage) || (r.when && !r.when(s))) return { ok: false, reason: 'invalidState' };
  if (!r.may(a, s)) return { ok: false, reason: 'forbidden' };
  return { ok: true, to: r.to };
}

/** Actions the actor may take now, for the UI's buttons. */
export function allowedSignalActions(a: Actor, s: SignalFacts): SignalAction[] {
  return SIGNAL_ACTIONS.filter((act) => signalTransition(a, s, act).ok);
}

/** Whether the actor may see the signal at all (the store's WHERE mirrors this). */
export function maySeeSignal(a: Actor, s: SignalFacts): boolean {
  return isCommandOf(a, s) || isUnitOf(a, s) || (a.role === 'departmentInspector' && s.regionCode.startsWith(a.scope.regionPrefix));
}

export type StageHours = { analyseHours: number; judgeHours: number; feedbackHours: number; verifyHours: number; closeHours: number };

/** The deadline of the stage a signal enters (for pushed: the push's own deadline, else the default). */
export function stageDueAt(
  stage: SignalStage,
  since: Date,
  h: StageHours,
  opts: { pushDeadline?: Date | null; feedbackGiven?: boolean } = {},
): Date {
  const add = (hours: number) => new Date(since.getTime() + hours * 3600_000);
  switch (stage) {
    case 'collected':
      return add(h.analyseHours);
    case 'analysed':
      return add(h.judgeHours);
    case 'judged':
      return add(h.judgeHours);
    case 'pushed':
      if (opts.feedbackGiven) return add(h.verifyHours);
      return opts.pushDeadline ?? add(h.feedbackHours);
    case 'verified':
      return add(h.closeHours);
    case 'closed':
      return since;
  }
}

/** Overdue and not yet escalated → escalate to the parent region's board. */
export function needsEscalation(s: { stage: SignalStage; stageDueAt: Date; escalatedAt: Date | null }, now: Date): boolean {
  return s.stage !== 'closed' && s.escalatedAt === null && s.stageDueAt.getTime() < now.getTime();
}

/** The parent region of a 12-digit code (township → county → city → province); the province stays. */
export function parentRegionCode(code: string): string {
  const p = regionPrefix(code);
  const parent = p.length === 12 ? p.slice(0, 9) : p.length === 9 ? p.slice(0, 6) : p.length === 6 ? p.slice(0, 4) : p.slice(0, 2);
  return parent.padEnd(12, '0');
}

/** A phone masked for everyone but the duty staff who took the call and the admin: 138****5678. */
export function maskCallerPhone(phone: string): string {
  return maskPhoneNumber(phone);
}
export function maskCallerName(name: string): string {
  return name ? `${[...name][0]}**` : '';
}
