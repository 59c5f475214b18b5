// Who may do what in 应急物资 (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

export function suppliesAbilities(a: Actor): Record<string, boolean> {
  return {
    'supplies.view': isAdmin(a) || isSupervisor(a),
  };
}
