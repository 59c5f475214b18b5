// 约谈, 黄牌警示 and 通报: one kind of record with its own document type each (interviewNotice,
// yellowCard, circular). A draft is issued (numbered, its notice printable); an interview is then
// held and the written report it asks for is received; a yellow card asks for the report at once;
// follow-up notes are kept until the record is closed. A circular is closed once issued. The level
// that issued the record acts on it (a county never decides about its own summoning).
import { type Actor, hasRole, isAdmin, isSupervisor } from '../auth/roles.ts';

export const RECORD_KINDS = ['interview', 'yellowCard', 'circular'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, { zh: string; en: string }> = {
  interview: { zh: '约谈', en: 'Interview' },
  yellowCard: { zh: '黄牌警示', en: 'Yellow card' },
  circular: { zh: '通报', en: 'Circular' },
};
/** The document type (domain/documents/numbers.ts) each kind is numbered and printed as. */
export const RECORD_DOCUMENT: Record<RecordKind, 'interviewNotice' | 'yellowCard' | 'circular'> = {
  interview: 'interviewNotice',
  yellowCard: 'yellowCard',
  circular: 'circular',
};

export const RECORD_STATUSES = ['draft', 'issued', 'held', 'reported', 'closed', 'cancelled'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const RECORD_STATUS_LABELS: Record<RecordStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下发', en: 'Issued' },
  held: { zh: '已约谈，待书面报告', en: 'Held, report awaited' },
  reported: { zh: '已报告，跟踪整改', en: 'Reported, following up' },
  closed: { zh: '已办结', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const RECORD_ACTIONS = ['edit', 'issue', 'recordMeeting', 'receiveReport', 'followUp', 'close', 'cancel', 'publish'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];
export const RECORD_ACTION_LABELS: Record<RecordAction, { zh: string; en: string }> = {
  edit: { zh: '修改', en: 'Edit' },
  issue: { zh: '下发', en: 'Issue' },
  recordMeeting: { zh: '登记约谈', en: 'Record the meeting' },
  receiveReport: { zh: '收到书面报告', en: 'Report received' },
  followUp: { zh: '跟踪记录', en: 'Follow-up note' },
  close: { zh: '办结', en: 'Close' },
  cancel: { zh: '撤销', en: 'Cancel' },
  publish: { zh: '向社会公开', en: 'Publish' },
};

/** The status each action leads to, from the statuses it may start in, per kind. */
export const RECORD_TRANSITIONS: Record<
  RecordAction,
  Partial<Record<RecordKind, { from: readonly RecordStatus[]; to: RecordStatus | null }>>
> = {
  edit: {
    interview: { from: ['draft'], to: null },
    yellowCard: { from: ['draft'], to: null },
    circular: { from: ['draft'], to: null },
  },
  issue: {
    interview: { from: ['draft'], to: 'issued' },
    yellowCard: { from: ['draft'], to: 'issued' },
    circular: { from: ['draft'], to: 'issued' },
  },
  recordMeeting: { interview: { from: ['issued'], to: 'held' } },
  receiveReport: { interview: { from: ['held'], to: 'reported' }, yellowCard: { from: ['issued'], to: 'reported' } },
  followUp: { interview: { from: ['held', 'reported'], to: null }, yellowCard: { from: ['issued', 'reported'], to: null } },
  close: {
    interview: { from: ['reported'], to: 'closed' },
    yellowCard: { from: ['reported'], to: 'closed' },
    circular: { from: ['issued'], to: 'closed' },
  },
  cancel: {
    interview: { from: ['draft', 'issued'], to: 'cancelled' },
    yellowCard: { from: ['draft', 'issued'], to: 'cancelled' },
    circular: { from: ['draft'], to: 'cancelled' },
  },
  publish: {
    interview: { from: ['held', 'reported', 'closed'], to: null },
    yellowCard: { from: ['issued', 'reported', 'closed'], to: null },
    circular: { from: ['issued', 'closed'], to: null },
  },
};

/** The status after `action`, or null when the action is not possible from `status` for `kind`. */
export function recordNextStatus(kind: RecordKind, status: RecordStatus, action: RecordAction): RecordStatus | null {
  const t = RECORD_TRANSITIONS[action][kind];
  if (!t?.from.includes(status)) return null;
  return t.to ?? status;
}

/** The level a supervisor acts at, as the 12-digit code of its government (null: not a government). */
export function actorGovernment(a: Actor): { level: 'province' | 'city' | 'county'; region: string } | null {
  const region = a.scope.regionPrefix.padEnd(12, '0');
  if (hasRole(a, 'provinceSupervisor') && a.scope.regionPrefix.length === 2) return { level: 'province', region };
  if (hasRole(a, 'citySupervisor') && a.scope.regionPrefix.length === 4) return { level: 'city', region };
  if (hasRole(a, 'countySupervisor') && a.scope.regionPrefix.length === 6) return { level: 'county', region };
  return null;
}

export type RecordPolicyView = { kind: RecordKind; status: RecordStatus; regionCode: string; published: boolean; publishEnabled: boolean };

/** The steps `a` may take on a record: only the government that issued it acts on it. */
export function recordAllowedActions(a: Actor, r: RecordPolicyView): RecordAction[] {
  const gov = actorGovernment(a);
  if (!gov || gov.region !== r.regionCode || !isSupervisor(a)) return [];
  return RECORD_ACTIONS.filter((action) => {
    if (!recordNextStatus(r.kind, r.status, action)) return false;
    if (action === 'publish') return r.publishEnabled && !r.published;
    return true;
  });
}

/** Who may read the records, triggers and tours: regulators of a government level and administrators. */
export const mayViewAccountability = (a: Actor) => isAdmin(a) || isSupervisor(a) || hasRole(a, 'departmentInspector');
/** Who may create records, decide triggers, plan tours, edit lists and officials: a government's supervisors. */
export const mayManageAccountability = (a: Actor) => actorGovernment(a) !== null;
