// Who may do what in 风险等级 (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions,
// from allowedLevelActions in levels-rules.ts).
import { type Actor, hasRole, isAdmin, isSupervisor } from '../auth/roles.ts';

export function phLevelsAbilities(a: Actor): Record<string, boolean> {
  return {
    'phLevels.view': isAdmin(a) || isSupervisor(a) || hasRole(a, 'cdcReviewer'),
    'phLevels.confirm': isAdmin(a) || hasRole(a, 'countySupervisor', 'citySupervisor'),
  };
}
