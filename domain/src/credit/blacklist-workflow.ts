// The listing of one subject, as a state machine (令第11号; STANDARDS-NEXT §4):
//   candidate 候选 → notify 告知 (reasons, basis, rights; 应急失告 numbered) → noticed: the objection
//   window runs (a setting, working days) → recordObjection → objecting → handleObjection: upheld
//   → dropped, rejected → noticed (decision allowed at once) → decide (书面决定, 应急失决, by someone
//   other than the proposer) → listed for 3 years (expires_at = listed_at + 3 years)
//   → applyRemoval (满12个月, the application with its checklist) → approveRemoval (every condition
//   met; 应急失移) → earlyRemoved, or rejectRemoval → listed
//   → revokeRemoval (提前移出 obtained by deceit) → listed again with its original expiry
//   → expire (the system, at expires_at) → expired.
//   drop (with a reason) from candidate, noticed or objecting.
// Pure: the dates come in, the allowed actions come out; the server asks before every write.
import { z } from 'zod';
import { type Actor, hasRole, isEnterpriseUser } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { addMonthsIso } from './blacklist.ts';

export const BLACKLIST_STATUSES = ['candidate', 'noticed', 'objecting', 'listed', 'earlyRemoved', 'expired', 'dropped'] as const;
export type BlacklistStatus = (typeof BLACKLIST_STATUSES)[number];
export const BLACKLIST_STATUS_LABELS: Record<BlacklistStatus, { zh: string; en: string }> = {
  candidate: { zh: '候选', en: 'Candidate' },
  noticed: { zh: '已告知', en: 'Notified' },
  objecting: { zh: '异议核实中', en: 'Objection under review' },
  listed: { zh: '已列入', en: 'Listed' },
  earlyRemoved: { zh: '已提前移出', en: 'Removed early' },
  expired: { zh: '期满移出', en: 'Expired' },
  dropped: { zh: '不予列入', en: 'Dropped' },
};

export const BLACKLIST_ACTIONS = [
  'notify',
  'recordObjection',
  'handleObjection',
  'decide',
  'drop',
  'applyRemoval',
  'approveRemoval',
  'rejectRemoval',
  'revokeRemoval',
] as const;
export type BlacklistAction = (typeof BLACKLIST_ACTIONS)[number];
export const BLACKLIST_ACTION_LABELS: Record<BlacklistAction, { zh: string; en: string }> = {
  notify: { zh: '告知', en: 'Notify' },
  recordObjection: { zh: '登记异议', en: 'Record an objection' },
  handleObjection: { zh: '异议处理', en: 'Handle the objection' },
  decide: { zh: '作出列入决定', en: 'Decide the listing' },
  drop: { zh: '不予列入', en: 'Drop' },
  applyRemoval: { zh: '申请提前移出', en: 'Apply for early removal' },
  approveRemoval: { zh: '决定提前移出', en: 'Approve the early removal' },
  rejectRemoval: { zh: '驳回移出申请', en: 'Reject the application' },
  revokeRemoval: { zh: '撤销提前移出', en: 'Revoke the early removal' },
};

/** The term on the list (管理期限) and when an early removal may be applied for. */
export type BlacklistTerms = { termYears: number; earlyRemovalMonths: number };
export const DEFAULT_BLACKLIST_TERMS: BlacklistTerms = { termYears: 3, earlyRemovalMonths: 12 };

/** The conditions an early removal must meet (提前移出; the list is UNCONFIRMED: settings-tagged 暂定 in the UI). */
export const EARLY_REMOVAL_CONDITIONS = ['penaltyPerformed', 'rectified', 'commitment', 'noNewViolation'] as const;
export type EarlyRemovalCondition = (typeof EARLY_REMOVAL_CONDITIONS)[number];
export const EARLY_REMOVAL_CONDITION_LABELS: Record<EarlyRemovalCondition, { zh: string; en: string }> = {
  penaltyPerformed: { zh: '已全面履行行政处罚决定', en: 'The penalty decision has been carried out in full' },
  rectified: { zh: '失信行为已整改到位', en: 'The violation has been corrected' },
  commitment: { zh: '已作出书面信用承诺', en: 'A written credit commitment has been made' },
  noNewViolation: { zh: '列入期间未再发生严重失信行为', en: 'No new serious violation while listed' },
};
export const EARLY_REMOVAL_PROVISIONAL = {
  provisional: true,
  source: 'UNCONFIRMED：STANDARDS-NEXT §4 提前移出条件（据山西实施细则摘要：已履行处罚、已整改、书面信用承诺等），原文未核对',
} as const;

/** What the rules need of an entry. Instants are ISO strings. */
export type BlacklistView = {
  status: BlacklistStatus;
  enterpriseId: string | null;
  proposedBy: string | null;
  /** Who sent the 告知: with the proposer, the one person who may not decide (four eyes). */
  noticedBy: string | null;
  /** When the objection window ends (a Beijing date; inclusive). */
  objectionDueOn: string | null;
  /** The objection was handled and rejected: the decision need not wait for the window. */
  objectionRejected: boolean;
  listedAt: string | null;
  expiresAt: string | null;
  /** A pending early-removal application: when and by whom it was recorded. */
  removalAppliedAt: string | null;
  removalAppliedBy: string | null;
  /** The checklist as the application (or the reviewer) has it. */
  removalChecklist: Partial<Record<EarlyRemovalCondition, boolean>>;
};

/** The deciding department's people: supervisors of a county, city or province. */
export const mayManageBlacklist = (a: Actor) => hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');
/** The subject's own accounts (a unit's entry only). */
const isSubject = (a: Actor, v: BlacklistView) => isEnterpriseUser(a) && !!v.enterpriseId && a.scope.enterpriseId === v.enterpriseId;

/** The date (YYYY-MM-DD) of an instant in Beijing. */
export const beijingDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** listed_at + the term (3 years), as an instant. */
export const blacklistExpiry = (listedAt: string, terms: BlacklistTerms = DEFAULT_BLACKLIST_TERMS) =>
  addMonthsIso(listedAt, 12 * terms.termYears);
/** The first instant an early removal may be applied for: listed_at + 12 months. */
export const earlyRemovalFrom = (listedAt: string, terms: BlacklistTerms = DEFAULT_BLACKLIST_TERMS) =>
  addMonthsIso(listedAt, terms.earlyRemovalMonths);

export const checklistMet = (c: Partial<Record<EarlyRemovalCondition, boolean>>) => EARLY_REMOVAL_CONDITIONS.every((k) => c[k] === true);

export type BlacklistRefusal = 'forbidden' | 'invalidState' | 'notNow';

type Rule = {
  from: readonly BlacklistStatus[];
  may: (a: Actor, v: BlacklistView) => boolean;
  when?: (v: BlacklistView, now: string, terms: BlacklistTerms) => boolean;
};

const withinTerm = (v: BlacklistView, now: string) => !!v.expiresAt && now < v.expiresAt;

const RULES: Record<BlacklistAction, Rule> = {
  notify: { from: ['candidate'], may: mayManageBlacklist },
  // The party's objection is received within the window (the regulator may record a written one).
  recordObjection: {
    from: ['noticed'],
    may: (a, v) => mayManageBlacklist(a) || isSubject(a, v),
    when: (v, now) => !v.objectionRejected && !!v.objectionDueOn && beijingDate(now) <= v.objectionDueOn,
  },
  handleObjection: { from: ['objecting'], may: mayManageBlacklist },
  // The decision: after the window, or at once once an objection was rejected; four eyes — not by
  // the proposer, nor by the one who sent the notice (a rule-proposed entry has no proposer).
  decide: {
    from: ['noticed'],
    may: (a, v) => mayManageBlacklist(a) && v.proposedBy !== a.id && v.noticedBy !== a.id,
    when: (v, now) => v.objectionRejected || (!!v.objectionDueOn && beijingDate(now) > v.objectionDueOn),
  },
  drop: { from: ['candidate', 'noticed', 'objecting'], may: mayManageBlacklist },
  applyRemoval: {
    from: ['listed'],
    may: (a, v) => mayManageBlacklist(a) || isSubject(a, v),
    when: (v, now, terms) => !v.removalAppliedAt && !!v.listedAt && now >= earlyRemovalFrom(v.listedAt, terms) && withinTerm(v, now),
  },
  approveRemoval: {
    from: ['listed'],
    may: (a, v) => mayManageBlacklist(a) && v.removalAppliedBy !== a.id,
    when: (v, now) => !!v.removalAppliedAt && withinTerm(v, now),
  },
  rejectRemoval: {
    from: ['listed'],
    may: (a, v) => mayManageBlacklist(a) && v.removalAppliedBy !== a.id,
    when: (v) => !!v.removalAppliedAt,
  },
  // Deceit found: the listing is restored with its original expiry, so only while that is ahead.
  revokeRemoval: { from: ['earlyRemoved'], may: mayManageBlacklist, when: (v, now) => withinTerm(v, now) },
};

/** Whether `action` may be taken now, or why not: not this person (403), not from this state, not now (409). */
export function blacklistTransition(
  a: Actor,
  v: BlacklistView,
  action: BlacklistAction,
  now: string,
  terms: BlacklistTerms = DEFAULT_BLACKLIST_TERMS,
): { ok: true } | { ok: false; reason: BlacklistRefusal } {
  const r = RULES[action];
  if (!r.from.includes(v.status)) return { ok: false, reason: 'invalidState' };
  if (!r.may(a, v)) return { ok: false, reason: 'forbidden' };
  if (r.when && !r.when(v, now, terms)) return { ok: false, reason: 'notNow' };
  return { ok: true };
}

/** The buttons the entry's page shows this person now. */
export function blacklistAllowedActions(a: Actor, v: BlacklistView, now: string, terms: BlacklistTerms = DEFAULT_BLACKLIST_TERMS) {
  return BLACKLIST_ACTIONS.filter((act) => blacklistTransition(a, v, act, now, terms).ok);
}

/** Whether the system removes the entry now (期满移出). */
export const blacklistExpired = (v: Pick<BlacklistView, 'status' | 'expiresAt'>, now: string) =>
  v.status === 'listed' && !!v.expiresAt && now >= v.expiresAt;

/** Currently on the list (the contract every reader uses): listed and before its expiry. */
export const isCurrentlyListed = (v: Pick<BlacklistView, 'status' | 'expiresAt'>, now: string) =>
  v.status === 'listed' && !!v.expiresAt && now < v.expiresAt;

// ---- step bodies ----------------------------------------------------------------------------------

const note = (zh: string, en: string, max = 2000) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`));
const version = z.number(bi('缺少版本号', 'The version is missing')).int();

const checklist = z
  .object(
    Object.fromEntries(EARLY_REMOVAL_CONDITIONS.map((k) => [k, z.boolean().optional()])) as Record<
      EarlyRemovalCondition,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();

export const BLACKLIST_STEP_SCHEMAS = {
  notify: z.object({ version, note: z.string().trim().max(2000).optional() }),
  recordObjection: z.object({ version, objection: note('异议内容', 'objection') }),
  handleObjection: z.object({
    version,
    upheld: z.boolean(bi('请选择是否采纳异议', 'Say whether the objection is upheld')),
    reply: note('核实意见', 'reply'),
  }),
  decide: z.object({ version, note: z.string().trim().max(2000).optional() }),
  drop: z.object({ version, reason: note('不予列入的理由', 'reason') }),
  applyRemoval: z.object({ version, statement: note('申请理由', 'statement'), checklist }),
  approveRemoval: z.object({ version, checklist, note: z.string().trim().max(2000).optional() }),
  rejectRemoval: z.object({ version, reason: note('驳回理由', 'reason') }),
  revokeRemoval: z.object({ version, reason: note('撤销理由（弄虚作假的事实）', 'reason (the deceit found)') }),
} as const satisfies Record<BlacklistAction, z.ZodType>;
