// Who takes part in enforcement (执法), the rules every part of the capability shares. The
// enforcing organ of a county is its 应急管理局 (county supervisors; city and province supervisors
// above it), and a department for its industries (department inspectors). Townships and grid
// workers report and patrol but do not enforce (安全生产法 Art. 62: 县级以上). An enterprise sees
// what was decided about itself: its inspections, documents and cases. Each part adds its own
// rules and abilities in its own file (plans.ts, draws.ts, inspections.ts, cases.ts…).
import { type Actor, hasRole, isAdmin } from '../auth/roles.ts';

/** May act as the enforcing organ (plan, draw, inspect, run a case), within their scope. */
export const isEnforcer = (a: Actor) => hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector');

/** May read enforcement records (within their scope; an enterprise only its own). */
export const mayViewEnforcement = (a: Actor) => isAdmin(a) || isEnforcer(a) || hasRole(a, 'enterpriseAdmin', 'enterpriseStaff');

/** The abilities every part shares; a part's own are in its file and listed in auth/abilities.ts. */
export function enforcementAbilities(a: Actor) {
  return {
    'enforcement.view': mayViewEnforcement(a),
    'enforcement.act': isEnforcer(a),
  };
}
