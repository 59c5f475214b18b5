// Who may administer the platform (users, departments, the audit log, settings), and the rule
// for a province's own settings (risk thresholds, reward rules, and next enforcement classes and
// frequencies): the platform admin, or a supervisor of that province.
import { type Actor, hasRole, isAdmin } from './roles.ts';

/** A province's settings: the platform admin, or that province's supervisor (code: 2 digits). */
export const mayAdministerProvince = (actor: Actor, province: string) =>
  isAdmin(actor) || (hasRole(actor, 'provinceSupervisor') && actor.scope.regionPrefix === province);

/** What the user may do in administration (sent in /api/v1/me). */
export function adminAbilities(_actor: Actor): Record<string, boolean> {
  return {};
}
