// Who may do what in 应急预案与备案 (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

export function emergencyPlansAbilities(a: Actor): Record<string, boolean> {
  return {
    'emergencyPlans.view': isAdmin(a) || isSupervisor(a),
  };
}
