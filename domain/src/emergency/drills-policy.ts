// Who may do what in 应急演练 (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isEnterpriseUser } from '../auth/roles.ts';
import { mayRecordGovernmentDrills, maySpotCheckDrills, mayViewDrills } from './drills-workflow.ts';

export function drillsAbilities(a: Actor): Record<string, boolean> {
  return {
    'drills.view': mayViewDrills(a),
    'drills.record': isEnterpriseUser(a) || mayRecordGovernmentDrills(a),
    'drills.spotCheck': maySpotCheckDrills(a),
    'drills.missing': mayViewDrills(a) && !isEnterpriseUser(a),
  };
}
