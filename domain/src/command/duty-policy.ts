// Who may do what in 值班与简报 (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

/** Government supervisors keep and read their jurisdiction's duty log and briefings. */
export const mayViewDuty = (a: Actor) => isAdmin(a) || isSupervisor(a);
export const mayKeepDuty = (a: Actor) => isSupervisor(a);

export function cmDutyAbilities(a: Actor): Record<string, boolean> {
  return {
    'cmDuty.view': mayViewDuty(a),
    'cmDuty.keep': mayKeepDuty(a),
    'cmDuty.briefing': mayKeepDuty(a),
  };
}
