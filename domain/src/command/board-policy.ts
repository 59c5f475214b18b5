// Who may do what in 指挥中心 (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';

export function cmBoardAbilities(a: Actor): Record<string, boolean> {
  return {
    'cmBoard.view': isAdmin(a) || isSupervisor(a) || a.role === 'cdcReviewer' || a.role === 'departmentInspector',
    /** The unit's view: what was pushed to it (an enterprise user, a health facility's reporter). */
    'cmBoard.unit': isEnterpriseUser(a) || a.role === 'medicalReporter',
    /** Duty staff enter 12345 calls: supervisors and admin. */
    'cmBoard.hotline': isAdmin(a) || isSupervisor(a),
  };
}
