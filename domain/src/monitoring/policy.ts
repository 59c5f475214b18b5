// Who may do what in monitoring (sensors, gateways, alarms), as abilities the web shows by.
// Visibility is the Scope (data layer); these rules decide actions on records the actor can see.
import { type Actor, isAdmin, isEnterpriseUser } from '../auth/roles.ts';
import { canEditEnterpriseRisk } from '../risks/policy.ts';
import { type AlarmAction, type AlarmStatus, allowedAlarmActions } from './alarms.ts';
import type { GatewayGrant } from './gateways.ts';

/**
 * Who may issue or revoke a credential: an enterprise's own accounts for their enterprise (an
 * enterprise admin; staff only read), a platform admin for any enterprise or region. Supervisors
 * oversee the data, they do not run the gateways.
 */
export function canManageGateways(actor: Actor, grant: GatewayGrant): boolean {
  if (isAdmin(actor)) return true;
  return 'enterpriseId' in grant && actor.role === 'enterpriseAdmin' && actor.scope.enterpriseId === grant.enterpriseId;
}

/** Who may see the credentials list at all (their own enterprise's, or all for an admin). */
export const canSeeGateways = (actor: Actor) => isAdmin(actor) || (isEnterpriseUser(actor) && actor.scope.enterpriseId !== null);

/** Regional credentials (a third-party IoT platform forwarding for many enterprises): the platform admin only. */
export const canIssueRegionalGateways = (actor: Actor) => isAdmin(actor);

/** Sensors belong to an installation of an enterprise: its own users keep them (as its risk data), and the admin. */
export const canEditSensors = (actor: Actor, enterpriseId: string) => canEditEnterpriseRisk(actor, enterpriseId);

/** The ingest health page (dead letters of every enterprise, the gateways' integration): the platform admin. */
export const canSeeIngestHealth = (actor: Actor) => isAdmin(actor);

/**
 * Alarms: every user who sees an alarm (enterprise on duty, supervisors in scope, the admin) may
 * acknowledge, handle and clear it; what is allowed depends only on its status and condition.
 */
export const alarmActionsFor = (_actor: Actor, status: AlarmStatus, conditionActive: boolean): AlarmAction[] =>
  allowedAlarmActions(status, conditionActive);

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function monitoringAbilities(actor: Actor): Record<string, boolean> {
  return {
    'monitoring.manageGateways': isAdmin(actor) || actor.role === 'enterpriseAdmin',
    'monitoring.issueRegionalGateways': canIssueRegionalGateways(actor),
    'monitoring.ingest': canSeeIngestHealth(actor),
    'monitoring.editSensors': isAdmin(actor) || (isEnterpriseUser(actor) && actor.scope.enterpriseId !== null),
  };
}
