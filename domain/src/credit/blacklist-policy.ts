// Who may act on the serious-discredit list (严重失信主体名单, issue 26). Owner: blacklist.
// The deciding department is a supervisor of a county, city or province ("谁处罚、谁决定");
// townships, grid workers and department inspectors read the list of their jurisdiction; an
// enterprise reads its own entries (to object and to apply for early removal).
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';
import { mayManageBlacklist } from './blacklist-workflow.ts';

export const mayViewBlacklist = (a: Actor) => isAdmin(a) || isSupervisor(a) || isEnterpriseUser(a) || hasRole(a, 'departmentInspector');

/** The general "may …" answers of this part, sent with /api/v1/me (keys `<capability>.<action>`). */
export function blacklistAbilities(a: Actor): Record<string, boolean> {
  return {
    'blacklist.view': mayViewBlacklist(a),
    'blacklist.manage': mayManageBlacklist(a),
  };
}
