// Administrative penalty cases (行政处罚案件), as a state machine:
//   filed 立案 → investigating 调查取证 → notified 告知 (陈述申辩; 听证 when the fine reaches the
//   hearing threshold or a suspension / revocation is proposed) → [hearing 听证] → review 审核 (by
//   someone other than the handler: four eyes) → decided 决定 → served 送达 → executing 执行
//   (payment, late fees, 按日连续处罚) → closed 结案;
//   transferred 移送司法 from investigating onwards (一律移送 when a crime is suspected), then closed;
//   dropped 不予处罚 / 撤销立案 with a reason, before the decision.
// Deadlines: decision within 90 days of filing (行政处罚法 Art. 60), hearing request 5 days after the
// notice (Art. 64), statement 3 days (the 2017 form; a provisional setting), payment 15 days after
// service (Art. 67), publication 7 working days after the decision (安全生产法 Art. 78). STANDARDS-NEXT §3.3.
import { z } from 'zod';
import { type Actor, hasRole, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_GRADES } from '../whistleblowing/rewards.ts';
import { SERVICE_METHODS } from './documents.ts';
import { PENALTY_ARTICLE_KEYS, PENALTY_TIERS } from './penalties.ts';
import { isEnforcer } from './policy.ts';

export const CASE_STATUSES = [
  'filed',
  'investigating',
  'notified',
  'hearing',
  'review',
  'decided',
  'served',
  'executing',
  'closed',
  'transferred',
  'dropped',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  filed: { zh: '已立案', en: 'Filed' },
  investigating: { zh: '调查取证', en: 'Investigating' },
  notified: { zh: '已告知', en: 'Party notified' },
  hearing: { zh: '听证', en: 'Hearing' },
  review: { zh: '待审核', en: 'In review' },
  decided: { zh: '已决定', en: 'Decided' },
  served: { zh: '已送达', en: 'Served' },
  executing: { zh: '执行中', en: 'Executing' },
  closed: { zh: '已结案', en: 'Closed' },
  transferred: { zh: '已移送司法', en: 'Transferred to the judiciary' },
  dropped: { zh: '不予处罚/撤销', en: 'Dropped' },
};

export const CASE_ACTIONS = [
  'investigate',
  'editFacts',
  'notify',
  'requestHearing',
  'recordHearing',
  'submitReview',
  'approve',
  'sendBack',
  'serve',
  'recordPayment',
  'remind',
  'decideLateFee',
  'recordDailyPenalty',
  'acceptResumption',
  'close',
  'transfer',
  'drop',
  'publish',
  'recordInterference',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  investigate: { zh: '开始调查取证', en: 'Start the investigation' },
  editFacts: { zh: '填写事实与证据', en: 'Record facts and evidence' },
  notify: { zh: '拟处罚并告知', en: 'Propose the penalty and notify' },
  requestHearing: { zh: '申请听证', en: 'Request a hearing' },
  recordHearing: { zh: '记录听证', en: 'Record the hearing' },
  submitReview: { zh: '提交审核', en: 'Submit for review' },
  approve: { zh: '审核通过并决定', en: 'Approve and decide' },
  sendBack: { zh: '退回补充调查', en: 'Send back' },
  serve: { zh: '送达决定书', en: 'Serve the decision' },
  recordPayment: { zh: '登记缴款', en: 'Record a payment' },
  remind: { zh: '催告缴纳', en: 'Send a payment reminder' },
  decideLateFee: { zh: '加处罚款', en: 'Decide the late fee' },
  recordDailyPenalty: { zh: '按日连续处罚', en: 'Record a daily penalty' },
  acceptResumption: { zh: '复产验收', en: 'Accept resumption' },
  close: { zh: '结案', en: 'Close the case' },
  transfer: { zh: '移送司法机关', en: 'Transfer to the judiciary' },
  drop: { zh: '不予处罚/撤销立案', en: 'Drop the case' },
  publish: { zh: '公开处罚决定', en: 'Publish the decision' },
  recordInterference: { zh: '记录插手干预', en: 'Record interference' },
};

/** Steps of a case's timeline: every action, and its opening. */
export const CASE_EVENT_KINDS = ['open', ...CASE_ACTIONS] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export const CASE_EVENT_LABELS: Record<CaseEventKind, { zh: string; en: string }> = {
  open: { zh: '立案', en: 'Filed' },
  ...CASE_ACTION_LABELS,
};
export function caseEventLabel(kind: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(CASE_EVENT_LABELS, kind) ? CASE_EVENT_LABELS[kind as CaseEventKind][lang] : kind;
}

export const DROP_KINDS = ['noPenalty', 'revoke'] as const;
export const DROP_KIND_LABELS: Record<(typeof DROP_KINDS)[number], { zh: string; en: string }> = {
  noPenalty: { zh: '不予行政处罚', en: 'No penalty' },
  revoke: { zh: '撤销立案', en: 'Filing revoked' },
};
export const PAYMENT_KINDS = ['fine', 'lateFee', 'dailyPenalty'] as const;
export const PAYMENT_KIND_LABELS: Record<(typeof PAYMENT_KINDS)[number], { zh: string; en: string }> = {
  fine: { zh: '罚款', en: 'Fine' },
  lateFee: { zh: '加处罚款', en: 'Late fee' },
  dailyPenalty: { zh: '按日连续处罚', en: 'Daily penalty' },
};

/** Statutory periods (STANDARDS-NEXT §3.3), in calendar days unless named working days. */
export const CASE_LIMITS = {
  /** 行政处罚法 Art. 60. */
  decisionDays: 90,
  /** 行政处罚法 Art. 64(一). */
  hearingRequestDays: 5,
  /** 行政处罚法 Art. 67. */
  paymentDays: 15,
} as const;

/** The rules a case is held to that come from settings (enforcement.* in the settings registry). */
export type CaseRules = {
  statementDays: number;
  hearingThresholdYuan: number;
  /** The same for a fine on a person (个人), which provinces set lower. */
  hearingThresholdPersonYuan: number;
  decisionWarnDays: number;
  publicationWorkingDays: number;
};
export const DEFAULT_CASE_RULES: CaseRules = {
  statementDays: 3,
  hearingThresholdYuan: 50_000,
  hearingThresholdPersonYuan: 20_000,
  decisionWarnDays: 75,
  publicationWorkingDays: 7,
};

/**
 * A party has the right to a hearing (行政处罚法 Art. 63): a large fine — the unit's threshold, or
 * the person's when the fine is on a person —, suspension or a licence revoked.
 */
export function hasHearingRight(
  p: { fine: number | null; suspension: boolean; revocation: boolean; person?: boolean },
  rules: CaseRules,
): boolean {
  const threshold = p.person ? rules.hearingThresholdPersonYuan : rules.hearingThresholdYuan;
  return p.suspension || p.revocation || (p.fine ?? 0) >= threshold;
}

/** What the machine reads of a case. Dates are YYYY-MM-DD (Beijing), instants ISO. */
export type CaseFacts = {
  enterpriseId: string;
  status: CaseStatus;
  handlerId: string | null;
  hearingRight: boolean;
  notifiedOn: string | null;
  fine: number | null;
  /** Money still owed: fine + late fee decided + daily penalties − payments. */
  owed: number;
  paymentDueOn: string | null;
  lateFeeDecided: boolean;
  suspension: boolean;
  resumed: boolean;
  publishedAt: string | null;
  transferred: boolean;
};

const isPartyOf = (a: Actor, c: CaseFacts) => hasRole(a, 'enterpriseAdmin', 'enterpriseStaff') && a.scope.enterpriseId === c.enterpriseId;
/** Four eyes: a review, a drop or a closing is approved by an enforcer who is not the handler. */
const isSecondOfficer = (a: Actor, c: CaseFacts) => isEnforcer(a) && a.id !== c.handlerId;

/** Who sees interference records (插手干预): supervisors (the department head's level and above) and admins, never the party. */
export const mayViewInterference = (a: Actor) => isAdmin(a) || hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The last day the party may ask for a hearing, and give a statement (陈述申辩). */
export function hearingRequestDue(c: Pick<CaseFacts, 'notifiedOn'>): string | null {
  return c.notifiedOn ? addDays(c.notifiedOn, CASE_LIMITS.hearingRequestDays) : null;
}
export function statementDue(c: Pick<CaseFacts, 'notifiedOn'>, rules: CaseRules): string | null {
  return c.notifiedOn ? addDays(c.notifiedOn, rules.statementDays) : null;
}
export const decisionDueOn = (filedOn: string) => addDays(filedOn, CASE_LIMITS.decisionDays);
export const paymentDueOn = (servedOn: string) => addDays(servedOn, CASE_LIMITS.paymentDays);

type Rule = {
  from: readonly CaseStatus[];
  /** The status after; undefined: the status stays (a record on the case). */
  to?: CaseStatus;
  may: (a: Actor, c: CaseFacts) => boolean;
  /** Holds at this moment (windows, money); false is 409 with the allowed actions. */
  when?: (c: CaseFacts, today: string, rules: CaseRules, input?: { waived?: boolean }) => boolean;
};

const OPEN_BEFORE_DECISION: CaseStatus[] = ['filed', 'investigating', 'notified', 'hearing', 'review'];
const EXECUTION: CaseStatus[] = ['served', 'executing'];

const RULES: Record<CaseAction, Rule> = {
  investigate: { from: ['filed'], to: 'investigating', may: isEnforcer },
  editFacts: { from: ['filed', 'investigating'], may: isEnforcer },
  notify: { from: ['investigating'], to: 'notified', may: isEnforcer },
  // The party (or the organ recording the party's oral request) within 5 days of the notice.
  requestHearing: {
    from: ['notified'],
    to: 'hearing',
    may: (a, c) => isEnforcer(a) || isPartyOf(a, c),
    when: (c, today) => c.hearingRight && today <= (hearingRequestDue(c) ?? ''),
  },
  recordHearing: { from: ['hearing'], to: 'review', may: isEnforcer },
  // After the windows for a statement (and a hearing request) have passed, or the party waived them.
  submitReview: {
    from: ['notified'],
    to: 'review',
    may: isEnforcer,
    when: (c, today, rules, input) =>
      input?.waived === true || (today > (statementDue(c, rules) ?? '') && (!c.hearingRight || today > (hearingRequestDue(c) ?? ''))),
  },
  approve: { from: ['review'], to: 'decided', may: isSecondOfficer },
  sendBack: { from: ['review'], to: 'investigating', may: isSecondOfficer },
  serve: { from: ['decided'], to: 'served', may: isEnforcer },
  recordPayment: { from: EXECUTION, to: 'executing', may: isEnforcer, when: (c) => c.owed > 0 },
  remind: {
    from: EXECUTION,
    to: 'executing',
    may: isEnforcer,
    when: (c, today) => c.owed > 0 && c.paymentDueOn !== null && today > c.paymentDueOn,
  },
  decideLateFee: {
    from: EXECUTION,
    to: 'executing',
    may: isEnforcer,
    when: (c, today) => (c.fine ?? 0) > 0 && !c.lateFeeDecided && c.paymentDueOn !== null && today > c.paymentDueOn,
  },
  recordDailyPenalty: { from: EXECUTION, to: 'executing', may: isEnforcer, when: (c) => (c.fine ?? 0) > 0 },
  acceptResumption: {
    from: ['decided', 'served', 'executing', 'closed'],
    may: isEnforcer,
    when: (c) => c.suspension && !c.resumed,
  },
  close: {
    from: ['served', 'executing', 'transferred'],
    to: 'closed',
    may: isSecondOfficer,
    when: (c) => c.status === 'transferred' || c.owed <= 0,
  },
  transfer: {
    from: ['investigating', 'notified', 'hearing', 'review', 'decided', 'served', 'executing'],
    to: 'transferred',
    may: isEnforcer,
  },
  drop: { from: OPEN_BEFORE_DECISION, to: 'dropped', may: isSecondOfficer },
  publish: { from: ['decided', 'served', 'executing', 'closed'], may: isEnforcer, when: (c) => c.publishedAt === null },
  recordInterference: { from: CASE_STATUSES, may: isEnforcer },
};

export type CaseRefusal = 'forbidden' | 'invalidState' | 'notNow';

/** The status after `action`, or why not: not this person (403), not from this state, not at this moment (409). */
export function caseTransition(
  a: Actor,
  c: CaseFacts,
  action: CaseAction,
  today: string,
  rules: CaseRules = DEFAULT_CASE_RULES,
  input?: { waived?: boolean },
): { ok: true; to: CaseStatus } | { ok: false; reason: CaseRefusal } {
  const r = RULES[action];
  if (!r.from.includes(c.status)) return { ok: false, reason: 'invalidState' };
  if (!r.may(a, c)) return { ok: false, reason: 'forbidden' };
  if (r.when && !r.when(c, today, rules, input)) return { ok: false, reason: 'notNow' };
  return { ok: true, to: r.to ?? c.status };
}

/**
 * The actions this actor may take on this case today: the buttons the case page shows. Submitting
 * for review is offered while the party's windows still run, because the party may waive them (the
 * form asks; without the waiver the server answers 409 until the windows are over).
 */
export function caseActions(a: Actor, c: CaseFacts, today: string, rules: CaseRules = DEFAULT_CASE_RULES): CaseAction[] {
  return CASE_ACTIONS.filter((act) => caseTransition(a, c, act, today, rules, act === 'submitReview' ? { waived: true } : undefined).ok);
}

/** What the case waits for, for lists: the organ's next step by state (a label key of CASE_ACTION_LABELS). */
export function nextCaseStep(c: Pick<CaseFacts, 'status' | 'owed'>): CaseAction | null {
  switch (c.status) {
    case 'filed':
      return 'investigate';
    case 'investigating':
      return 'notify';
    case 'notified':
      return 'submitReview';
    case 'hearing':
      return 'recordHearing';
    case 'review':
      return 'approve';
    case 'decided':
      return 'serve';
    case 'served':
    case 'executing':
      return c.owed > 0 ? 'recordPayment' : 'close';
    case 'transferred':
      return 'close';
    default:
      return null;
  }
}

export const CASE_DEADLINE_KINDS = ['decision', 'statement', 'hearingRequest', 'payment', 'publication'] as const;
export type CaseDeadlineKind = (typeof CASE_DEADLINE_KINDS)[number];
export const CASE_DEADLINE_LABELS: Record<CaseDeadlineKind, { zh: string; en: string }> = {
  decision: { zh: '作出决定期限（立案起90日）', en: 'Decision due (90 days from filing)' },
  statement: { zh: '陈述申辩期限', en: 'Statement due' },
  hearingRequest: { zh: '听证申请期限（告知后5日）', en: 'Hearing request due (5 days)' },
  payment: { zh: '缴纳罚款期限（送达后15日）', en: 'Payment due (15 days from service)' },
  publication: { zh: '公开期限（决定后7个工作日）', en: 'Publication due (7 working days)' },
};
export const DEADLINE_STATES = ['open', 'soon', 'overdue', 'met'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export type CaseDeadline = { kind: CaseDeadlineKind; due: string; state: DeadlineState };

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The case's deadlines today: the decision (soon from `decisionWarnDays` after filing), the party's
 * windows once notified, payment once served, publication once decided (its due date counted in
 * working days by the caller, who has the calendar).
 */
export function caseDeadlines(
  c: CaseFacts & { filedOn: string; decisionDueOn: string; decidedOn: string | null; publicationDueOn: string | null },
  today: string,
  rules: CaseRules = DEFAULT_CASE_RULES,
): CaseDeadline[] {
  const out: CaseDeadline[] = [];
  const state = (due: string, met: boolean, soonFrom: string): DeadlineState =>
    met ? 'met' : today > due ? 'overdue' : today >= soonFrom ? 'soon' : 'open';
  const decidedOrEnded = c.decidedOn !== null || ['transferred', 'dropped'].includes(c.status);
  out.push({
    kind: 'decision',
    due: c.decisionDueOn,
    state: state(
      c.decisionDueOn,
      decidedOrEnded && (c.decidedOn === null || c.decidedOn <= c.decisionDueOn),
      addDays(c.filedOn, rules.decisionWarnDays),
    ),
  });
  if (c.decidedOn && c.decidedOn > c.decisionDueOn) (out[0] as CaseDeadline).state = 'overdue';
  if (c.notifiedOn) {
    const passed = !['notified'].includes(c.status);
    const s = statementDue(c, rules) as string;
    out.push({ kind: 'statement', due: s, state: passed ? 'met' : state(s, today > s, s) });
    if (c.hearingRight) {
      const h = hearingRequestDue(c) as string;
      out.push({ kind: 'hearingRequest', due: h, state: passed ? 'met' : state(h, today > h, h) });
    }
  }
  if (c.paymentDueOn && (c.fine ?? 0) > 0)
    out.push({ kind: 'payment', due: c.paymentDueOn, state: state(c.paymentDueOn, c.owed <= 0, addDays(c.paymentDueOn, -3)) });
  if (c.publicationDueOn)
    out.push({
      kind: 'publication',
      due: c.publicationDueOn,
      state: state(c.publicationDueOn, c.publishedAt !== null, c.publicationDueOn),
    });
  return out;
}

/** Days left until a due date (negative: overdue), for countdowns. */
export const daysLeft = (due: string, today: string) => daysBetween(today, due);

// ---------------------------------------------------------------------------------------------
// Requests and responses.

const text = (max: number, zh: string, en: string) => z.string().trim().min(1, bi(zh, en)).max(max);
const date = z.iso.date(bi('日期格式不正确', 'Not a valid date'));
const money = z.number(bi('请填写金额', 'Give an amount')).positive(bi('金额应大于 0', 'Must be positive')).max(1e11);

export const caseInputSchema = z.object({
  enterpriseId: z.uuid(bi('请选择企业', 'Choose an enterprise')),
  title: text(200, '请填写案由', 'The case title is required'),
  facts: z.string().trim().max(5000).optional(),
  inspectionId: z.uuid().nullable().optional(),
  hazardId: z.uuid().nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  /** The accident whose investigation found the responsibility (its report approved): Art. 114 / 95 by its grade. */
  accidentId: z.uuid().optional(),
});

const v = { version: z.number().int().optional() };
export const caseStepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('investigate'), ...v }),
  z.object({
    action: z.literal('editFacts'),
    facts: z.string().trim().max(5000).optional(),
    evidence: z.string().trim().max(5000).optional(),
    ...v,
  }),
  z.object({
    action: z.literal('notify'),
    article: z.enum(PENALTY_ARTICLE_KEYS as [string, ...string[]], bi('请选择违法条款', 'Choose the article')),
    tier: z.enum(PENALTY_TIERS, bi('请选择处罚对象', 'Choose the tier')),
    amount: money.optional(),
    reasons: text(2000, '请填写裁量理由', 'Give the reasons for the amount'),
    illegalGains: z.number().min(0).optional(),
    annualIncome: z.number().min(0).optional(),
    /** Art. 114: the accident's grade. */
    accidentGrade: z.enum(ACCIDENT_GRADES).optional(),
    /** The person fined, when the tier fines a person (published masked). */
    personName: z.string().trim().max(50).optional(),
    suspension: z.boolean().optional(),
    revocation: z.boolean().optional(),
    ...v,
  }),
  z.object({ action: z.literal('requestHearing'), note: z.string().trim().max(1000).optional(), ...v }),
  z.object({ action: z.literal('recordHearing'), heldOn: date, summary: text(5000, '请填写听证情况', 'Summarise the hearing'), ...v }),
  z.object({
    action: z.literal('submitReview'),
    waived: z.boolean().optional(),
    statement: z.string().trim().max(5000).optional(),
    ...v,
  }),
  z.object({ action: z.literal('approve'), opinion: text(2000, '请填写审核意见', 'Give the review opinion'), ...v }),
  z.object({ action: z.literal('sendBack'), reason: text(2000, '请填写退回原因', 'Give the reason'), ...v }),
  z.object({
    action: z.literal('serve'),
    servedAt: z.iso.datetime({ offset: true, message: bi('时间格式不正确', 'Not a valid time') }),
    method: z.enum(SERVICE_METHODS, bi('送达方式不正确', 'Unknown service method')),
    recipient: text(100, '请填写受送达人', 'Who received it is required'),
    ...v,
  }),
  z.object({
    action: z.literal('recordPayment'),
    kind: z.enum(PAYMENT_KINDS, bi('缴款类别不正确', 'Unknown payment kind')),
    amount: money,
    paidOn: date,
    receiptNo: z.string().trim().max(100).optional(),
    ...v,
  }),
  z.object({ action: z.literal('remind'), ...v }),
  z.object({ action: z.literal('decideLateFee'), until: date.optional(), ...v }),
  z.object({ action: z.literal('recordDailyPenalty'), day: date, note: z.string().trim().max(1000).optional(), ...v }),
  z.object({ action: z.literal('acceptResumption'), opinion: text(2000, '请填写验收意见', 'Give the acceptance opinion'), ...v }),
  z.object({ action: z.literal('close'), summary: z.string().trim().max(2000).optional(), ...v }),
  z.object({
    action: z.literal('transfer'),
    to: text(200, '请填写移送机关', 'Name the receiving organ'),
    reason: text(2000, '请填写移送理由', 'Give the reason'),
    ...v,
  }),
  z.object({
    action: z.literal('drop'),
    kind: z.enum(DROP_KINDS, bi('请选择类别', 'Choose the kind')),
    reason: text(2000, '请填写理由', 'Give the reason'),
    ...v,
  }),
  z.object({ action: z.literal('publish'), ...v }),
  z.object({
    action: z.literal('recordInterference'),
    whoName: text(100, '请填写干预人', 'Who intervened is required'),
    org: z.string().trim().max(200).optional(),
    occurredAt: z.iso.datetime({ offset: true, message: bi('时间格式不正确', 'Not a valid time') }),
    what: text(5000, '请填写干预内容', 'What was asked is required'),
    ...v,
  }),
]);
export type CaseStep = z.infer<typeof caseStepSchema>;

export const caseListQuerySchema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  /** Only cases with an overdue deadline (decision, payment or publication). */
  overdue: z.enum(['true', 'false']).optional(),
  /** Decision due within this many days (the workbench's 15). */
  decisionWithin: z.coerce.number().int().min(0).max(365).optional(),
  /** Cases whose next step is the caller's (handler's open steps, reviews by someone else). */
  mine: z.enum(['true', 'false']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const deadlineSchema = z.object({ kind: z.enum(CASE_DEADLINE_KINDS), due: z.string(), state: z.enum(DEADLINE_STATES) });

export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  article: z.string().nullable(),
  fine: z.number().nullable(),
  paid: z.number(),
  owed: z.number(),
  filedAt: z.string(),
  decisionDueOn: z.string(),
  handlerName: z.string().nullable(),
  nextStep: z.enum(CASE_ACTIONS).nullable(),
  deadlines: z.array(deadlineSchema),
  transferred: z.boolean(),
  publishedAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const casePaymentSchema = z.object({
  id: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  amount: z.number(),
  paidOn: z.string(),
  receiptNo: z.string().nullable(),
});
export const interferenceSchema = z.object({
  id: z.string(),
  whoName: z.string(),
  org: z.string().nullable(),
  occurredAt: z.string(),
  what: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export const dailyPenaltySchema = z.object({ day: z.string(), amount: z.number(), note: z.string().nullable() });

export const caseDetailSchema = caseSummarySchema.extend({
  inspectionId: z.string().nullable(),
  accidentId: z.string().nullable(),
  /** The linked accident's grade: the fines of Art. 114 and 95 follow it. */
  accidentGrade: z.enum(ACCIDENT_GRADES).nullable(),
  hazardId: z.string().nullable(),
  departmentId: z.string().nullable(),
  facts: z.string(),
  evidence: z.string(),
  tier: z.enum(PENALTY_TIERS).nullable(),
  personName: z.string().nullable(),
  reasons: z.string().nullable(),
  hearingRight: z.boolean(),
  hearingRequested: z.boolean(),
  suspension: z.boolean(),
  resumedAt: z.string().nullable(),
  revocation: z.boolean(),
  lateFee: z.number(),
  dailyPenaltyTotal: z.number(),
  notifiedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  servedAt: z.string().nullable(),
  paymentDueOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  publicationDueOn: z.string().nullable(),
  handlerId: z.string().nullable(),
  dropKind: z.enum(DROP_KINDS).nullable(),
  events: z.array(caseEventSchema),
  payments: z.array(casePaymentSchema),
  dailyPenalties: z.array(dailyPenaltySchema),
  /** Null when the caller may not see interference records. */
  interference: z.array(interferenceSchema).nullable(),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
  version: z.number(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** A published decision (一公开): the unit, its credit code, the article, the penalty, the number and date. */
export const publishedDecisionSchema = z.object({
  id: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  article: z.string().nullable(),
  articleText: z.string().nullable(),
  penalty: z.string(),
  fine: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  decidedOn: z.string(),
  publishedOn: z.string(),
  issuer: z.string(),
});
export type PublishedDecision = z.infer<typeof publishedDecisionSchema>;

/**
 * A natural person's name as published (个人信息): the surname and a mask, 张* / 欧阳** — the
 * enterprise's name is published whole, a person's never (安全生产法 Art. 78, 个人信息保护法).
 */
export function maskPersonName(name: string): string {
  const n = [...name.trim()];
  if (n.length <= 1) return '*';
  const compound = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯'];
  const surname = compound.includes(n.slice(0, 2).join('')) && n.length > 2 ? 2 : 1;
  return n.slice(0, surname).join('') + '*'.repeat(n.length - surname);
}

/** Whether a party's name is a natural person's (个体工商户 held by a person, a named individual): no 公司/厂/店… in it. */
export function looksLikePerson(name: string): boolean {
  return (
    !/(公司|厂|店|场|站|社|中心|集团|合作|事务所|银行|医院|学校|协会|局|处|部|矿|院|馆|所|行|坊)$/.test(name.trim()) &&
    [...name.trim()].length <= 4
  );
}

/** Abilities the case part adds (listed in enforcementAbilities). */
export function caseAbilities(a: Actor) {
  return { 'enforcement.cases.open': isEnforcer(a), 'enforcement.cases.viewInterference': mayViewInterference(a) };
}
