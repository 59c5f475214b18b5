// Who may do what in 物资调拨 (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

export function dispatchAbilities(a: Actor): Record<string, boolean> {
  return {
    'dispatch.view': isAdmin(a) || isSupervisor(a),
  };
}
