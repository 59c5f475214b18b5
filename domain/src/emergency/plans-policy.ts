// Who may do what in 应急预案与备案 (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, hasRole, isAdmin, isEnterpriseUser } from '../auth/roles.ts';
import { mayAcceptFilings, mayViewEmergencyPlans } from './plans-workflow.ts';

export function emergencyPlansAbilities(a: Actor): Record<string, boolean> {
  return {
    'emergencyPlans.view': mayViewEmergencyPlans(a),
    'emergencyPlans.create': isAdmin(a) || isEnterpriseUser(a) || hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor'),
    'emergencyPlans.filingDesk': mayAcceptFilings(a),
  };
}
