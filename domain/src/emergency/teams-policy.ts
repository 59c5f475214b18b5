// Who may do what in 队伍、专家与值班 (issue 27). Owner: teams (救援队伍、专家、值班).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
// Regulators (admin, supervisors, department inspectors) read teams, experts and rosters of their
// jurisdiction; supervisors and the admin keep them. An enterprise reads the teams and experts of
// its county (experts' phones masked) and keeps its own enterprise team, its agreements and its
// own roster. A township or grid worker reads its county's teams and experts (phones of experts
// outside its own township masked).
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';

export const mayViewTeams = (a: Actor) =>
  isAdmin(a) || isSupervisor(a) || isEnterpriseUser(a) || hasRole(a, 'departmentInspector', 'gridWorker');
/** Keeps the jurisdiction's teams, experts, agreements, government rosters and duty phones. */
export const mayManageTeams = (a: Actor) => isAdmin(a) || isSupervisor(a);
/** An expert's full phone: regulators of the expert's jurisdiction (the read is already scoped). */
export const seesExpertPhone = (a: Actor, expertRegion: string) =>
  (isAdmin(a) || isSupervisor(a) || hasRole(a, 'departmentInspector')) && expertRegion.startsWith(a.scope.regionPrefix);

/** The region prefix teams and experts are read under: below a county (township, grid, enterprise), the county's. */
export const teamsViewPrefix = (a: Actor) => a.scope.regionPrefix.slice(0, 6);

/** May keep this team (edit it, its roster): a manager in scope, or the unit for its own team. */
export function mayEditTeam(a: Actor, t: { regionCode: string; enterpriseId: string | null }): boolean {
  if (isEnterpriseUser(a)) return !!t.enterpriseId && t.enterpriseId === a.scope.enterpriseId;
  return mayManageTeams(a) && t.regionCode.startsWith(a.scope.regionPrefix);
}

export const teamAllowedActions = (a: Actor, t: { regionCode: string; enterpriseId: string | null }) =>
  mayEditTeam(a, t) ? (['edit', 'roster'] as const) : ([] as const);

export const expertAllowedActions = (a: Actor, e: { regionCode: string }) =>
  mayManageTeams(a) && e.regionCode.startsWith(a.scope.regionPrefix) ? (['edit'] as const) : ([] as const);

/** An agreement: the party (the unit) or a manager of its region may end it while it runs. */
export function agreementAllowedActions(a: Actor, g: { enterpriseId: string; regionCode: string; ended: boolean }): 'end'[] {
  if (g.ended) return [];
  if (isEnterpriseUser(a)) return g.enterpriseId === a.scope.enterpriseId ? ['end'] : [];
  return mayManageTeams(a) && g.regionCode.startsWith(a.scope.regionPrefix) ? ['end'] : [];
}

/** A roster: whose it is decides who keeps it. */
export function mayEditRoster(
  a: Actor,
  r: { ownerKind: string; regionCode: string; enterpriseId: string | null; teamEnterpriseId?: string | null },
): boolean {
  if (isEnterpriseUser(a))
    return (
      (r.ownerKind === 'enterprise' && r.enterpriseId === a.scope.enterpriseId) ||
      (r.ownerKind === 'team' && !!r.teamEnterpriseId && r.teamEnterpriseId === a.scope.enterpriseId)
    );
  return mayManageTeams(a) && r.regionCode.startsWith(a.scope.regionPrefix);
}

/** The general "may …" answers of this part, sent with /api/v1/me (keys `<capability>.<action>`). */
export function teamsAbilities(a: Actor): Record<string, boolean> {
  return {
    'teams.view': mayViewTeams(a),
    'teams.manage': mayManageTeams(a),
    'teams.roster': mayManageTeams(a) || hasRole(a, 'enterpriseAdmin', 'enterpriseStaff'),
  };
}
