// The hazard lifecycle (隐患闭环整改), as a state machine:
//   reported → assigned → rectifying → pendingAcceptance → closed (销号)
//   pendingAcceptance → rectifying (sent back with a reason)
//   any open state → cancelled (a supervisor of the tier that found, listed or must accept it; with a reason)
// Who may take a transition depends on role, tier and level. A major hazard closes only after
// acceptance by a government inspector of the listing tier (seed 000: 挂牌督办, 复查验收).
import { type Actor, isAdmin, type Role } from '../auth/roles.ts';

export const HAZARD_STATUSES = ['reported', 'assigned', 'rectifying', 'pendingAcceptance', 'closed', 'cancelled'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_ACTIONS = ['assign', 'start', 'submit', 'accept', 'sendBack', 'cancel'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];
export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** Inspection tiers, lowest first: 企业自查 / 镇办巡查 / 县级排查 / 市级核查; province above them. */
export const INSPECTION_TIERS = ['self', 'patrol', 'county', 'city'] as const;
export type InspectionTier = (typeof INSPECTION_TIERS)[number];
export type Tier = InspectionTier | 'province';
const TIER_RANK: Record<Tier, number> = { self: 0, patrol: 1, county: 2, city: 3, province: 4 };

export const HAZARD_STATUS_LABELS: Record<HazardStatus, { zh: string; en: string }> = {
  reported: { zh: '已上报', en: 'Reported' },
  assigned: { zh: '已交办', en: 'Assigned' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  pendingAcceptance: { zh: '待验收', en: 'Pending acceptance' },
  closed: { zh: '已销号', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
export const HAZARD_ACTION_LABELS: Record<HazardAction, { zh: string; en: string }> = {
  assign: { zh: '交办整改', en: 'Assign' },
  start: { zh: '开始整改', en: 'Start rectification' },
  submit: { zh: '提交验收', en: 'Submit for acceptance' },
  accept: { zh: '验收销号', en: 'Accept and close' },
  sendBack: { zh: '退回整改', en: 'Send back' },
  cancel: { zh: '撤销', en: 'Cancel' },
};
/** Every step a hazard's history records: the lifecycle actions, plus its report, its listing
 *  for supervision (挂牌督办) and the overdue job's escalation. */
export const HAZARD_STEPS = ['report', ...HAZARD_ACTIONS, 'list', 'escalate'] as const;
export type HazardStep = (typeof HAZARD_STEPS)[number];
export const HAZARD_STEP_LABELS: Record<HazardStep, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'Reported' },
  ...HAZARD_ACTION_LABELS,
  list: { zh: '挂牌督办', en: 'Listed for supervision' },
  escalate: { zh: '逾期升级', en: 'Escalated when overdue' },
};
/** A step of a hazard's history as a person reads it; a step unknown to this build shows as written. */
export function hazardStepLabel(step: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(HAZARD_STEP_LABELS, step) ? HAZARD_STEP_LABELS[step as HazardStep][lang] : step;
}
export const TIER_LABELS: Record<Tier, { zh: string; en: string }> = {
  self: { zh: '企业自查', en: 'Self-inspection' },
  patrol: { zh: '镇办巡查', en: 'Township patrol' },
  county: { zh: '县级排查', en: 'County investigation' },
  city: { zh: '市级核查', en: 'City verification' },
  province: { zh: '省级', en: 'Province' },
};
/** The government level of a tier, as an escalation names where a hazard went: 升级至县级. */
export const TIER_LEVEL_LABELS: Record<Tier, { zh: string; en: string }> = {
  self: { zh: '企业', en: 'the enterprise' },
  patrol: { zh: '镇（街道）级', en: 'township level' },
  county: { zh: '县级', en: 'county level' },
  city: { zh: '市级', en: 'city level' },
  province: { zh: '省级', en: 'province level' },
};

/** The government tier a role acts at; null for enterprise users. */
export function roleTier(role: Role): Tier | null {
  switch (role) {
    case 'gridWorker':
    case 'townshipSupervisor':
      return 'patrol';
    case 'countySupervisor':
    case 'departmentInspector':
      return 'county';
    case 'citySupervisor':
      return 'city';
    case 'provinceSupervisor':
    case 'platformAdmin':
      return 'province';
    default:
      return null;
  }
}

/** The next tier up, for escalation of overdue hazards. */
export function nextTier(t: Tier): Tier {
  return t === 'self' ? 'patrol' : t === 'patrol' ? 'county' : t === 'county' ? 'city' : 'province';
}

export type FiveFixes = {
  owner: string | null;
  measures: string | null;
  funds: number | null;
  deadline: string | null;
  contingency: string | null;
};
export const FIVE_FIXES = ['owner', 'measures', 'funds', 'deadline', 'contingency'] as const;

export function missingFixes(h: FiveFixes): (typeof FIVE_FIXES)[number][] {
  return FIVE_FIXES.filter((k) => h[k] === null || h[k] === undefined || (typeof h[k] === 'string' && !(h[k] as string).trim()));
}

export type HazardFacts = {
  enterpriseId: string;
  status: HazardStatus;
  level: HazardLevel;
  /** Tier of the inspection (or report) that found it. */
  foundTier: InspectionTier;
  /** Tier of the supervised listing, if listed. */
  listedTier: 'county' | 'city' | null;
} & FiveFixes & { rectificationNote: string | null };

const isEnterpriseUserOf = (a: Actor, h: HazardFacts) =>
  (a.role === 'enterpriseAdmin' || a.role === 'enterpriseStaff') && a.scope.enterpriseId === h.enterpriseId;
const isEnterpriseAdminOf = (a: Actor, h: HazardFacts) => a.role === 'enterpriseAdmin' && a.scope.enterpriseId === h.enterpriseId;
const isGovernment = (a: Actor) => roleTier(a.role) !== null;
const atLeast = (a: Actor, t: Tier) => {
  const r = roleTier(a.role);
  return r !== null && TIER_RANK[r] >= TIER_RANK[t];
};

/** Who may accept (or send back) the rectification of this hazard. */
export function mayAccept(a: Actor, h: HazardFacts): boolean {
  if (h.level === 'major') {
    // Only a government inspector of the listing tier; an unlisted major hazard needs county or above.
    if (h.listedTier) return roleTier(a.role) === h.listedTier || isAdmin(a);
    return atLeast(a, 'county');
  }
  // A general hazard found by self-inspection may be closed by the enterprise's admin; one found by
  // government inspection is accepted by government at the finding tier or above.
  if (h.foundTier === 'self' && isEnterpriseAdminOf(a, h)) return true;
  return isGovernment(a) && a.role !== 'gridWorker' && atLeast(a, h.foundTier === 'self' ? 'patrol' : h.foundTier);
}

/**
 * The lowest tier that may cancel this hazard: none below the tier that found it (a self-found one:
 * the township), a major hazard none below the county, a listed one none below its listing tier.
 * Cancelling closes a hazard without rectification, so it is held to the tiers that close it.
 */
export function cancelTier(h: Pick<HazardFacts, 'level' | 'foundTier' | 'listedTier'>): Tier {
  const floors: Tier[] = [h.foundTier === 'self' ? 'patrol' : h.foundTier];
  if (h.level === 'major') floors.push('county');
  if (h.listedTier) floors.push(h.listedTier);
  return floors.reduce((a, b) => (TIER_RANK[b] > TIER_RANK[a] ? b : a));
}

/**
 * Who may cancel: supervisors (not grid workers, not department inspectors, never the enterprise)
 * at or above cancelTier.
 */
export function mayCancel(a: Actor, h: HazardFacts): boolean {
  if (!isGovernment(a) || a.role === 'gridWorker' || a.role === 'departmentInspector') return false;
  return atLeast(a, cancelTier(h));
}

type Rule = { from: readonly HazardStatus[]; to: HazardStatus; may: (a: Actor, h: HazardFacts) => boolean };

const RULES: Record<HazardAction, Rule> = {
  // Assign for rectification: the government tier that found it (or above), or the enterprise for its own findings.
  assign: {
    from: ['reported'],
    to: 'assigned',
    may: (a, h) => (h.foundTier === 'self' && isEnterpriseAdminOf(a, h)) || isGovernment(a),
  },
  start: { from: ['assigned'], to: 'rectifying', may: (a, h) => isEnterpriseUserOf(a, h) || isAdmin(a) },
  submit: { from: ['rectifying'], to: 'pendingAcceptance', may: (a, h) => isEnterpriseUserOf(a, h) || isAdmin(a) },
  accept: { from: ['pendingAcceptance'], to: 'closed', may: mayAccept },
  sendBack: { from: ['pendingAcceptance'], to: 'rectifying', may: mayAccept },
  cancel: { from: ['reported', 'assigned', 'rectifying', 'pendingAcceptance'], to: 'cancelled', may: mayCancel },
};

export type Refusal = { reason: 'forbidden' } | { reason: 'invalidState' } | { reason: 'incomplete'; missing: string[] };

/** The next status, or why not. Preconditions: five fixes before rectification starts; a note to submit. */
export function hazardTransition(
  a: Actor,
  h: HazardFacts,
  action: HazardAction,
): { ok: true; to: HazardStatus } | ({ ok: false } & Refusal) {
  const rule = RULES[action];
  if (!rule.from.includes(h.status)) return { ok: false, reason: 'invalidState' };
  if (!rule.may(a, h)) return { ok: false, reason: 'forbidden' };
  if (action === 'start') {
    const missing = missingFixes(h);
    if (missing.length) return { ok: false, reason: 'incomplete', missing };
  }
  if (action === 'submit' && !(h.rectificationNote ?? '').trim())
    return { ok: false, reason: 'incomplete', missing: ['rectificationNote'] };
  return { ok: true, to: rule.to };
}

/** Actions this actor may take now (preconditions aside), for the buttons the UI shows. */
export function allowedHazardActions(a: Actor, h: HazardFacts): HazardAction[] {
  return HAZARD_ACTIONS.filter((act) => RULES[act].from.includes(h.status) && RULES[act].may(a, h));
}

/** Actions that need a written reason. */
export const ACTIONS_NEEDING_REASON: readonly HazardAction[] = ['sendBack', 'cancel'];

/** Who may list a major hazard for supervision: county or city supervisors (and admins) at their own tier. */
export function mayList(a: Actor, level: HazardLevel): 'county' | 'city' | null {
  if (level !== 'major') return null;
  if (a.role === 'countySupervisor') return 'county';
  if (a.role === 'citySupervisor') return 'city';
  return null;
}
