// Who may do what in hazard investigation (checklists, inspections, schedules, hazards), as
// abilities the web shows buttons and menus by. Rules about one hazard's steps are in lifecycle.ts.
import { type Actor, isAdmin, isEnterpriseUser } from '../auth/roles.ts';
import { type HazardFacts, type HazardStatus, type InspectionTier, mayList, roleTier } from './lifecycle.ts';

/**
 * The tier a hazard this actor finds is recorded at: an enterprise's own people self-inspect
 * ('self'); government users report at their tier, the province (and the platform admin) at the
 * city's, the highest inspection tier. null: an enterprise user reporting for another enterprise,
 * who may not. `enterpriseId` is the hazard's enterprise; without it only the government tier counts.
 */
export function findingTier(actor: Actor, enterpriseId?: string | null): InspectionTier | null {
  if (enterpriseId != null && actor.scope.enterpriseId === enterpriseId) return 'self';
  const t = roleTier(actor.role);
  if (t === null) return null;
  return t === 'province' ? 'city' : t;
}

/**
 * Whose download of a dossier issues its official number: the number is the supervising county's
 * document number, so an official's (or the admin's) — never an enterprise's, whose download shows
 * the dossier without a number until a supervisor's has issued one. A grid worker is no issuer either.
 */
export function mayIssueDossierNumber(actor: Actor): boolean {
  return (
    isAdmin(actor) ||
    (!isEnterpriseUser(actor) && actor.scope.enterpriseId === null && roleTier(actor.role) !== null && actor.role !== 'gridWorker')
  );
}

/** May this actor plan or carry out an inspection of this tier for this enterprise? */
export function mayInspect(actor: Actor, tier: InspectionTier, enterpriseId: string): boolean {
  if (isAdmin(actor)) return true;
  if (tier === 'self') return actor.scope.enterpriseId === enterpriseId;
  return roleTier(actor.role) === tier;
}

/** Self-inspection is the enterprise's own business: its people, or an admin, set the rhythm. */
export function mayManageSchedules(actor: Actor, enterpriseId: string): boolean {
  return isAdmin(actor) || actor.scope.enterpriseId === enterpriseId;
}

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function hazardAbilities(actor: Actor): Record<string, boolean> {
  const own = actor.scope.enterpriseId;
  const tier = findingTier(actor, own);
  return {
    'hazards.report': tier !== null,
    'inspections.plan': tier !== null,
    'schedules.manage': isAdmin(actor) || own !== null,
    'checklists.publish': mayPublishChecklists(actor),
  };
}

const isOpen = (status: HazardStatus) => status !== 'closed' && status !== 'cancelled';

/**
 * May this actor fill in the five fixes and the rectification note? The enterprise's own people
 * (and the platform admin) while the hazard is open and not waiting for acceptance: what was
 * submitted is what gets accepted.
 */
export function mayEditFixes(actor: Actor, h: Pick<HazardFacts, 'enterpriseId' | 'status'>): boolean {
  return isOpen(h.status) && h.status !== 'pendingAcceptance' && (actor.scope.enterpriseId === h.enterpriseId || isAdmin(actor));
}

/**
 * Listing a hazard for supervision (挂牌督办), checked in this order: who (a county or city
 * supervisor, a major hazard: 403 otherwise), then when (not listed yet and still open: 409).
 */
export type ListingCheck = { ok: true; tier: 'county' | 'city' } | { ok: false; reason: 'forbidden' | 'conflict' };
export function checkListing(actor: Actor, h: Pick<HazardFacts, 'level' | 'status' | 'listedTier'>): ListingCheck {
  const tier = mayList(actor, h.level);
  if (!tier) return { ok: false, reason: 'forbidden' };
  if (h.listedTier || !isOpen(h.status)) return { ok: false, reason: 'conflict' };
  return { ok: true, tier };
}
/** Whether the listing button shows: the listing would be accepted now. */
export const mayListNow = (actor: Actor, h: Pick<HazardFacts, 'level' | 'status' | 'listedTier'>) => checkListing(actor, h).ok;

/**
 * Adding a photo to a hazard. The enterprise adds proof of rectification ('rectification') until
 * it submits for acceptance; government users add evidence ('evidence') while the hazard is open;
 * nobody adds to a closed (accepted or cancelled) hazard: what was filed when it closed is its record.
 * Refusals: 'forbidden' (neither the enterprise nor government), 'closed', 'submitted'.
 */
export type PhotoCheck = { ok: true; kind: 'evidence' | 'rectification' } | { ok: false; reason: 'forbidden' | 'closed' | 'submitted' };
export function checkHazardPhoto(actor: Actor, h: Pick<HazardFacts, 'enterpriseId' | 'status'>): PhotoCheck {
  const own = actor.scope.enterpriseId === h.enterpriseId;
  if (!own && roleTier(actor.role) === null) return { ok: false, reason: 'forbidden' };
  if (!isOpen(h.status)) return { ok: false, reason: 'closed' };
  if (own && h.status === 'pendingAcceptance') return { ok: false, reason: 'submitted' };
  return { ok: true, kind: own ? 'rectification' : 'evidence' };
}

/**
 * May this actor record results of (and submit) this inspection? Only while planned; an assigned
 * inspector (or the admin) when one is named, otherwise whoever may inspect at its tier.
 */
export function mayExecuteInspection(
  actor: Actor,
  i: { status: 'planned' | 'submitted'; inspectorId: string | null; tier: InspectionTier; enterpriseId: string },
): boolean {
  if (i.status !== 'planned') return false;
  return i.inspectorId ? i.inspectorId === actor.id || isAdmin(actor) : mayInspect(actor, i.tier, i.enterpriseId);
}

/** Checklists are the platform's: only its admin publishes a new one or a new version. */
export const mayPublishChecklists = (actor: Actor) => isAdmin(actor);
