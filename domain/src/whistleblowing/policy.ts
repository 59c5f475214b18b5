// Who may do what with whistleblower reports (举报: the public's anonymous reports, not the
// enterprises' 风险主动报告 in risks/): handling them, deciding on revealing a reporter's identity,
// and the provinces' reward rules. The server refuses by these and the web shows menus and buttons
// by the abilities and allowedActions built from them.
import { mayAdministerProvince } from '../auth/policy.ts';
import { type Actor, isAdmin, regionPrefix } from '../auth/roles.ts';
import { roleTier } from '../hazards/lifecycle.ts';
import { allowedPublicReportActions, PUBLIC_REPORT_ACTIONS, type PublicReportStatus } from './workflow.ts';

/** Whistleblower reports are for area supervisors (and admins), never enterprise accounts, industry-limited inspectors or grid workers. */
export const mayHandleWhistleblowerReports = (actor: Actor) =>
  isAdmin(actor) ||
  (actor.scope.enterpriseId === null && actor.scope.industries === null && roleTier(actor.role) !== null && actor.role !== 'gridWorker');

/**
 * What a handler may do on one report: the workflow's steps allowed in its status (accept, reject,
 * verify, substantiate — which turns it into a hazard —, unsubstantiate, the reward, close,
 * merge), writing to the reporter, and asking to see a named reporter's identity.
 */
export const WHISTLEBLOWER_REPORT_ACTIONS = [...PUBLIC_REPORT_ACTIONS, 'message', 'requestReveal'] as const;
export type WhistleblowerReportAction = (typeof WHISTLEBLOWER_REPORT_ACTIONS)[number];

/** A report as the rule needs it. */
export type WhistleblowerReportFacts = {
  status: PublicReportStatus;
  /** A named report: its identity is sealed and may be revealed after approval. */
  identitySealed: boolean;
  /** The actor has a request to reveal this report's identity still waiting for a decision. */
  revealWaitingFromActor: boolean;
};

/**
 * The actions the actor may take on a report they can see (the jurisdiction is the read's scope:
 * outside it the report is not found at all). Nothing for someone who may not handle reports.
 */
export function allowedWhistleblowerReportActions(actor: Actor, r: WhistleblowerReportFacts): WhistleblowerReportAction[] {
  if (!mayHandleWhistleblowerReports(actor)) return [];
  const actions: WhistleblowerReportAction[] = allowedPublicReportActions(r.status);
  // A closed report's conversation is over, for the handler as for the reporter.
  if (r.status !== 'closed') actions.push('message');
  // One waiting request per asker: a second would only ask the custodians twice.
  if (r.identitySealed && !r.revealWaitingFromActor) actions.push('requestReveal');
  return actions;
}

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

/** decide: approve or refuse the request; reveal: open the identity (the asker, once approved). */
export const REVEAL_REQUEST_ACTIONS = ['decide', 'reveal'] as const;
export type RevealRequestAction = (typeof REVEAL_REQUEST_ACTIONS)[number];

export function allowedRevealRequestActions(
  actor: Actor,
  request: RevealRequestFacts & { status: 'requested' | 'approved' | 'refused' },
): RevealRequestAction[] {
  if (request.status === 'requested') return mayDecideReveal(actor, request) ? ['decide'] : [];
  if (request.status === 'approved') return request.requestedBy === actor.id ? ['reveal'] : [];
  return [];
}

/** Setting a province's reward rule ('00' is the national default): the admin, or that province's supervisor. */
export const maySetRewardRule = (actor: Actor, province: string) => mayAdministerProvince(actor, province);

/** Whether the actor may set some province's reward rule (the admin, or any province supervisor for their own). */
export const maySetSomeRewardRule = (actor: Actor) =>
  isAdmin(actor) || (actor.role === 'provinceSupervisor' && maySetRewardRule(actor, actor.scope.regionPrefix));

/**
 * The province whose rule the user sets, fixed in the form: a province supervisor's own (when they
 * may set it); null for the admin, who picks any, and for everyone else.
 */
export const ownRewardProvince = (actor: Actor): string | null =>
  !isAdmin(actor) && actor.role === 'provinceSupervisor' && maySetRewardRule(actor, actor.scope.regionPrefix)
    ? actor.scope.regionPrefix
    : null;

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function whistleblowingAbilities(actor: Actor): Record<string, boolean> {
  const handle = mayHandleWhistleblowerReports(actor);
  return {
    'whistleblowing.handle': handle,
    'whistleblowing.stats': handle,
    'whistleblowing.rewardRules': maySetSomeRewardRule(actor),
  };
}
