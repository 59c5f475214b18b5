// Who may do what in 物资调拨 (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
// Government supervisors (township to province) read the requests of their jurisdiction and ask
// the level above; enterprises take no part here (their stock is the supplies part's).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';
import { mayRequestSupplies } from './dispatch-workflow.ts';

export const mayViewDispatch = (a: Actor) => isAdmin(a) || isSupervisor(a);
/** Donations and designated producers are kept by county, city and province supervisors. */
export const mayManageDonations = (a: Actor) => isSupervisor(a) && a.scope.regionPrefix.length >= 2 && a.scope.regionPrefix.length <= 6;
export const mayManageProducers = mayManageDonations;

export function dispatchAbilities(a: Actor): Record<string, boolean> {
  return {
    'dispatch.view': mayViewDispatch(a),
    'dispatch.request': mayRequestSupplies(a),
    'dispatch.donations': mayManageDonations(a),
    'dispatch.producers': mayManageProducers(a),
  };
}
