// Who may do what in hazard investigation (checklists, inspections, schedules, hazards), as
// abilities the web shows buttons and menus by. Rules about one hazard's steps are in lifecycle.ts.
import { type Actor, isAdmin } from '../auth/roles.ts';
import { type InspectionTier, roleTier } from './lifecycle.ts';

/**
 * The tier a hazard this actor finds is recorded at: an enterprise's own people self-inspect
 * ('self'); government users report at their tier, the province (and the platform admin) at the
 * city's, the highest inspection tier. null: an enterprise user reporting for another enterprise,
 * who may not. `enterpriseId` is the hazard's enterprise; without it only the government tier counts.
 */
export function findingTier(actor: Actor, enterpriseId?: string | null): InspectionTier | null {
  if (enterpriseId != null && actor.scope.enterpriseId === enterpriseId) return 'self';
  const t = roleTier(actor.role);
  if (t === null) return null;
  return t === 'province' ? 'city' : t;
}

/** May this actor plan or carry out an inspection of this tier for this enterprise? */
export function mayInspect(actor: Actor, tier: InspectionTier, enterpriseId: string): boolean {
  if (isAdmin(actor)) return true;
  if (tier === 'self') return actor.scope.enterpriseId === enterpriseId;
  return roleTier(actor.role) === tier;
}

/** Self-inspection is the enterprise's own business: its people, or an admin, set the rhythm. */
export function mayManageSchedules(actor: Actor, enterpriseId: string): boolean {
  return isAdmin(actor) || actor.scope.enterpriseId === enterpriseId;
}

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function hazardAbilities(actor: Actor): Record<string, boolean> {
  const own = actor.scope.enterpriseId;
  const tier = findingTier(actor, own);
  return {
    'hazards.report': tier !== null,
    'inspections.plan': tier !== null,
    'schedules.manage': isAdmin(actor) || own !== null,
  };
}
