// Who may do what in risk control. Visibility is the Scope (data layer); these rules decide
// actions on records the actor can already see. "Enterprise users edit their own; supervisors
// read in scope" (issue: risk grading and control).
import { type Actor, hasRole, isAdmin, isSupervisor } from '../auth/roles.ts';

/** Enterprise users keep their own risk points, areas, site plan and installations. */
export function canEditEnterpriseRisk(actor: Actor, enterpriseId: string): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'enterpriseAdmin', 'enterpriseStaff') && actor.scope.enterpriseId === enterpriseId;
}

/** What may be done to a risk point: the enterprise edits, reassesses and deletes its own. */
export const RISK_POINT_ACTIONS = ['update', 'assess', 'delete'] as const;
export type RiskPointAction = (typeof RISK_POINT_ACTIONS)[number];
export function allowedRiskPointActions(actor: Actor, point: { enterpriseId: string }): RiskPointAction[] {
  return canEditEnterpriseRisk(actor, point.enterpriseId) ? [...RISK_POINT_ACTIONS] : [];
}

/** What may be done to a major hazard installation: the enterprise changes and deletes its own. */
export const INSTALLATION_ACTIONS = ['update', 'delete'] as const;
export type InstallationAction = (typeof INSTALLATION_ACTIONS)[number];
export function allowedInstallationActions(actor: Actor, installation: { enterpriseId: string }): InstallationAction[] {
  return canEditEnterpriseRisk(actor, installation.enterpriseId) ? [...INSTALLATION_ACTIONS] : [];
}

/** Whether the risk map's site plan and areas may be edited (sent as the map's canEdit). */
export function mayEditRiskMap(actor: Actor, enterpriseId: string): boolean {
  return canEditEnterpriseRisk(actor, enterpriseId);
}

/**
 * Whether a risk report is visible at all: a draft is the enterprise's own business until it is
 * submitted, so a supervisor asking for one is told it does not exist (404, not 403).
 */
export function mayReadRiskReport(actor: Actor, report: { enterpriseId: string; status: ReportStatus }): boolean {
  return report.status !== 'draft' || actor.scope.enterpriseId !== null || isAdmin(actor);
}

/** Risk reports (风险主动报告): draft → submitted → acknowledged, or returned with a reason and resubmitted. */
export const REPORT_STATUSES = ['draft', 'submitted', 'acknowledged', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_ACTIONS = ['submit', 'acknowledge', 'return'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  returned: { zh: '已退回', en: 'Returned' },
};

const TRANSITIONS: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus; by: 'enterprise' | 'supervisor' }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'enterprise' },
  acknowledge: { from: ['submitted'], to: 'acknowledged', by: 'supervisor' },
  return: { from: ['submitted'], to: 'returned', by: 'supervisor' },
};

export type TransitionRefusal = 'forbidden' | 'invalidState';

/** The next status, or why not: forbidden (not this actor's step) or invalidState (not from here). */
export function reportTransition(
  actor: Actor,
  report: { enterpriseId: string; status: ReportStatus },
  action: ReportAction,
): { ok: true; to: ReportStatus } | { ok: false; reason: TransitionRefusal } {
  const t = TRANSITIONS[action];
  const mayAct = t.by === 'enterprise' ? canEditEnterpriseRisk(actor, report.enterpriseId) : isAdmin(actor) || isSupervisor(actor);
  if (!mayAct) return { ok: false, reason: 'forbidden' };
  if (!t.from.includes(report.status)) return { ok: false, reason: 'invalidState' };
  return { ok: true, to: t.to };
}

export function allowedReportActions(actor: Actor, report: { enterpriseId: string; status: ReportStatus }): ReportAction[] {
  return REPORT_ACTIONS.filter((a) => reportTransition(actor, report, a).ok);
}

/** What the user may do in risk control in general (sent in /api/v1/me). */
export function riskAbilities(actor: Actor): Record<string, boolean> {
  // Risk points, installations and risk reports are created for the user's own enterprise only.
  const own = actor.scope.enterpriseId !== null && canEditEnterpriseRisk(actor, actor.scope.enterpriseId);
  return {
    'risks.createRiskPoint': own,
    'risks.createInstallation': own,
    'risks.createReport': own,
  };
}
