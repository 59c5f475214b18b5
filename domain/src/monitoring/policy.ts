// Who may do what in monitoring (sensors, gateways, alarms), as abilities the web shows by.
import type { Actor } from '../auth/roles.ts';

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function monitoringAbilities(_actor: Actor): Record<string, boolean> {
  return {};
}
