// Who may see credit files, sign commitments, manage intermediaries and partner keys (信用档案,
// issue 26). Owner: credit file. The store's scope decides which files a supervisor sees; an
// enterprise sees only its own.
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';

/** Regulators who act on credit (record broken commitments, manage intermediaries): county and above, and departments. */
export const isCreditRegulator = (a: Actor) =>
  hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector');
/** May read credit files: supervisors in scope, departments, the admin, an enterprise (its own). */
export const mayViewCredit = (a: Actor) => isAdmin(a) || isSupervisor(a) || hasRole(a, 'departmentInspector') || isEnterpriseUser(a);
/** The enterprise's administrator signs its commitment; a regulator may record one signed on paper. */
export const maySignCommitment = (a: Actor) => hasRole(a, 'enterpriseAdmin') || isCreditRegulator(a);
export const mayRecordBreach = isCreditRegulator;
export const mayManageIntermediaries = (a: Actor) => isAdmin(a) || isCreditRegulator(a);
export const mayManagePartnerKeys = isAdmin;

export function creditAbilities(a: Actor): Record<string, boolean> {
  return {
    'credit.view': mayViewCredit(a),
    'credit.list': mayViewCredit(a) && !isEnterpriseUser(a),
    'credit.sign': maySignCommitment(a),
    'credit.breach': mayRecordBreach(a),
    'credit.intermediaries': mayViewCredit(a) && !isEnterpriseUser(a),
    'credit.manageIntermediaries': mayManageIntermediaries(a),
    'credit.partnerKeys': mayManagePartnerKeys(a),
    'credit.recompute': isAdmin(a) || isCreditRegulator(a),
  };
}
