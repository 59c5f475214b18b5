// Who may do what with whistleblower reports (举报: the public's anonymous reports, not the
// enterprises' 风险主动报告 in risks/): handling them, deciding on revealing a reporter's identity,
// and the provinces' reward rules. The server refuses by these and the web shows menus and buttons
// by the abilities and allowedActions built from them.
import { mayAdministerProvince } from '../auth/policy.ts';
import { type Actor, isAdmin, regionPrefix } from '../auth/roles.ts';
import { roleTier } from '../hazards/lifecycle.ts';

/** Whistleblower reports are for area supervisors (and admins), never enterprise accounts, industry-limited inspectors or grid workers. */
export const mayHandleWhistleblowerReports = (actor: Actor) =>
  isAdmin(actor) ||
  (actor.scope.enterpriseId === null && actor.scope.industries === null && roleTier(actor.role) !== null && actor.role !== 'gridWorker');

/** A request to reveal a reporter's identity, as the rule needs it: who asked, and the asker's region code (null when unknown). */
export type RevealRequestFacts = { requestedBy: string; requesterRegion: string | null };

/**
 * Who may approve or refuse someone else's request to reveal a reporter's identity: never the
 * requester; the admin; else a handler whose area is the requester's or wider (same or higher tier).
 */
export function mayDecideReveal(actor: Actor, request: RevealRequestFacts): boolean {
  if (actor.id === request.requestedBy) return false;
  if (isAdmin(actor)) return true;
  return mayHandleWhistleblowerReports(actor) && actor.scope.regionPrefix.length <= regionPrefix(request.requesterRegion ?? '').length;
}

/** Setting a province's reward rule ('00' is the national default): the admin, or that province's supervisor. */
export const maySetRewardRule = (actor: Actor, province: string) => mayAdministerProvince(actor, province);

/** Whether the actor may set some province's reward rule (the admin, or any province supervisor for their own). */
export const maySetSomeRewardRule = (actor: Actor) =>
  isAdmin(actor) || (actor.role === 'provinceSupervisor' && maySetRewardRule(actor, actor.scope.regionPrefix));

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function whistleblowingAbilities(actor: Actor): Record<string, boolean> {
  const handle = mayHandleWhistleblowerReports(actor);
  return {
    'whistleblowing.handle': handle,
    'whistleblowing.stats': handle,
    'whistleblowing.rewardRules': maySetSomeRewardRule(actor),
  };
}
