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

/** The actions on a credential: revoke, while it is not revoked and the user manages its grant. */
export const GATEWAY_CREDENTIAL_ACTIONS = ['revoke'] as const;
export type GatewayCredentialAction = (typeof GATEWAY_CREDENTIAL_ACTIONS)[number];
export const allowedGatewayCredentialActions = (actor: Actor, c: { grant: GatewayGrant; revoked: boolean }): GatewayCredentialAction[] =>
  !c.revoked && canManageGateways(actor, c.grant) ? ['revoke'] : [];

/** How many live gateway connections there are (all enterprises'): the platform admin's figure. */
export const canSeeGatewayConnections = (actor: Actor) => isAdmin(actor);

/** Regional credentials (a third-party IoT platform forwarding for many enterprises): the platform admin only. */
export const canIssueRegionalGateways = (actor: Actor) => isAdmin(actor);

/** Sensors belong to an installation of an enterprise: its own users keep them (as its risk data), and the admin. */
export const canEditSensors = (actor: Actor, enterpriseId: string) => canEditEnterpriseRisk(actor, enterpriseId);

/**
 * The actions on a sensor. One in service may be changed and decommissioned (kept with its
 * history); only one that never had readings or alarms may be deleted. A decommissioned one is
 * kept as it is. Open alarms block decommissioning and deleting, which the server says when asked
 * (the alarms change by the second; the button does not wait for them).
 */
export const SENSOR_ACTIONS = ['edit', 'decommission', 'delete'] as const;
export type SensorAction = (typeof SENSOR_ACTIONS)[number];
export function allowedSensorActions(
  actor: Actor,
  s: { enterpriseId: string; decommissioned: boolean; hasHistory: boolean },
): SensorAction[] {
  if (s.decommissioned || !canEditSensors(actor, s.enterpriseId)) return [];
  return s.hasHistory ? ['edit', 'decommission'] : ['edit', 'decommission', 'delete'];
}

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
