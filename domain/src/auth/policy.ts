// Who may administer the platform (users, departments, the audit log, settings), and the rule
// for a province's own settings (risk thresholds, reward rules, and next enforcement classes and
// frequencies): the platform admin, or a supervisor of that province.
import { type Actor, hasRole, isAdmin } from './roles.ts';

/** A province's settings: the platform admin, or that province's supervisor (code: 2 digits). */
export const mayAdministerProvince = (actor: Actor, province: string) =>
  isAdmin(actor) || (hasRole(actor, 'provinceSupervisor') && actor.scope.regionPrefix === province);

/** Who manages user accounts (create, disable, reset, re-home): the platform admin. */
export const mayManageUsers = (actor: Actor) => isAdmin(actor);

/** Who manages the departments and the industries they supervise: the platform admin. */
export const mayManageDepartments = (actor: Actor) => isAdmin(actor);

/** Who reads, verifies and exports the audit log: the platform admin. */
export const mayReadAudit = (actor: Actor) => isAdmin(actor);

/** Who changes platform-wide settings (checklists, the ingest pipeline, calendars): the platform admin. */
export const mayChangePlatformSettings = (actor: Actor) => isAdmin(actor);

/** What the user may do in administration (sent in /api/v1/me). */
export function adminAbilities(actor: Actor): Record<string, boolean> {
  return {
    'admin.users': mayManageUsers(actor),
    'admin.departments': mayManageDepartments(actor),
    'admin.audit': mayReadAudit(actor),
    'admin.settings': mayChangePlatformSettings(actor),
  };
}
