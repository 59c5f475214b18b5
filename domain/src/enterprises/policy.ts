// Who may do what with an enterprise record. Visibility itself is the Scope (checked in the
// data layer); these rules decide the actions on a record the actor can already see.
import { type Actor, hasRole, isAdmin, isSupervisor } from '../auth/roles.ts';

export type EnterpriseAction = 'update' | 'delete' | 'changeRegion' | 'changeCreditCode' | 'changeSupervision' | 'requestChange';

/** Government users who keep the directory: admin and supervisors at every tier. */
export const canCreateEnterprise = (actor: Actor) => isAdmin(actor) || isSupervisor(actor);

export const canImportEnterprises = canCreateEnterprise;

export function enterpriseActions(actor: Actor): EnterpriseAction[] {
  if (isAdmin(actor) || hasRole(actor, 'provinceSupervisor', 'citySupervisor', 'countySupervisor')) {
    return ['update', 'delete', 'changeRegion', 'changeCreditCode', 'changeSupervision'];
  }
  if (hasRole(actor, 'townshipSupervisor')) return ['update', 'changeCreditCode', 'changeSupervision'];
  // An enterprise admin keeps its own profile current but cannot move itself, change its identity
  // or the fields that decide who supervises it: those it asks its county to change (变更申请).
  if (hasRole(actor, 'enterpriseAdmin')) return ['update', 'requestChange'];
  return [];
}

/** What the user may do with the directory in general (sent in /api/v1/me). */
export function enterpriseAbilities(actor: Actor): Record<string, boolean> {
  return { 'enterprises.create': canCreateEnterprise(actor), 'enterprises.import': canImportEnterprises(actor) };
}
