// Public reports (举报) and their handling, as the regulator runs it: received → accepted or
// rejected (with a reason the reporter sees) → verifying → substantiated or unsubstantiated →
// reward decided → reward paid → closed. Pure rules; the server applies them.
import { z } from 'zod';
import { addWorkingDays, WEEKENDS_ONLY, type WorkingCalendar } from '../calendar/working-days.ts';
import { bi } from '../errors/messages.ts';
import { ACCIDENT_GRADES } from './rewards.ts';

export const PUBLIC_REPORT_CATEGORIES = ['hazard', 'illegalProduction', 'concealedAccident', 'other'] as const;
export type PublicReportCategory = (typeof PUBLIC_REPORT_CATEGORIES)[number];
export const PUBLIC_REPORT_CATEGORY_LABELS: Record<PublicReportCategory, { zh: string; en: string }> = {
  hazard: { zh: '事故隐患', en: 'Hazard' },
  illegalProduction: { zh: '非法违法生产', en: 'Illegal production' },
  concealedAccident: { zh: '瞒报谎报事故', en: 'Concealed accident' },
  other: { zh: '其他', en: 'Other' },
};
export const PUBLIC_REPORT_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'verifying',
  'substantiated',
  'unsubstantiated',
  'rewardDecided',
  'rewardPaid',
  'closed',
  'merged',
] as const;
export type PublicReportStatus = (typeof PUBLIC_REPORT_STATUSES)[number];
export const PUBLIC_REPORT_ACTIONS = [
  'accept',
  'reject',
  'verify',
  'substantiate',
  'unsubstantiate',
  'decideReward',
  'payReward',
  'close',
  'merge',
] as const;
export type PublicReportAction = (typeof PUBLIC_REPORT_ACTIONS)[number];

const FLOW: Record<PublicReportAction, { from: PublicReportStatus[]; to: PublicReportStatus }> = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received'], to: 'rejected' },
  verify: { from: ['accepted'], to: 'verifying' },
  substantiate: { from: ['verifying'], to: 'substantiated' },
  unsubstantiate: { from: ['verifying'], to: 'unsubstantiated' },
  decideReward: { from: ['substantiated'], to: 'rewardDecided' },
  payReward: { from: ['rewardDecided'], to: 'rewardPaid' },
  // A report with no reward due (anonymous with no way to pay, or declined) closes from substantiated.
  close: { from: ['rejected', 'unsubstantiated', 'substantiated', 'rewardPaid'], to: 'closed' },
  // A duplicate about the same enterprise is handled with the report it joins (terminal here).
  merge: { from: ['received', 'accepted', 'verifying'], to: 'merged' },
};
/** A step in a report's history: the handlers' actions, and the system's receipt and escalation. */
export type PublicReportStep = PublicReportAction | 'receive' | 'escalate';
/** The steps as the handler's buttons and the history name them. */
export const PUBLIC_REPORT_STEP_LABELS: Record<PublicReportStep, { zh: string; en: string }> = {
  receive: { zh: '收到举报', en: 'Received' },
  accept: { zh: '受理', en: 'Accept' },
  reject: { zh: '不予受理', en: 'Reject' },
  verify: { zh: '开始核查', en: 'Verify' },
  substantiate: { zh: '核查属实', en: 'Substantiated' },
  unsubstantiate: { zh: '核查不属实', en: 'Unsubstantiated' },
  decideReward: { zh: '决定奖励', en: 'Decide reward' },
  payReward: { zh: '发放奖励', en: 'Record payment' },
  close: { zh: '办结', en: 'Close' },
  merge: { zh: '合并办理', en: 'Merge' },
  escalate: { zh: '逾期升级', en: 'Escalated' },
};

/** Actions whose reason the reporter is shown. */
export const PUBLIC_REPORT_ACTIONS_NEEDING_REASON: PublicReportAction[] = ['reject', 'unsubstantiate'];

export const allowedPublicReportActions = (status: PublicReportStatus): PublicReportAction[] =>
  PUBLIC_REPORT_ACTIONS.filter((a) => FLOW[a].from.includes(status));

export function publicReportTransition(status: PublicReportStatus, action: PublicReportAction): PublicReportStatus | null {
  return FLOW[action].from.includes(status) ? FLOW[action].to : null;
}

/** What the reporter sees of a status (plain words, no internal detail). */
export const PUBLIC_REPORT_STATUS_LABELS: Record<PublicReportStatus, { zh: string; en: string }> = {
  received: { zh: '已收到，待受理', en: 'Received' },
  accepted: { zh: '已受理', en: 'Accepted' },
  rejected: { zh: '不予受理', en: 'Not accepted' },
  verifying: { zh: '核查中', en: 'Being verified' },
  substantiated: { zh: '经核查属实', en: 'Substantiated' },
  unsubstantiated: { zh: '经核查不属实', en: 'Not substantiated' },
  rewardDecided: { zh: '已决定奖励', en: 'Reward decided' },
  rewardPaid: { zh: '奖励已发放', en: 'Reward paid' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已与同一事项的举报合并办理', en: 'Merged with a report on the same matter' },
};

/** Statuses after which the report is concluded (for handling time and retention). */
export const PUBLIC_REPORT_OUTCOMES: Partial<Record<PublicReportAction, 'rejected' | 'substantiated' | 'unsubstantiated' | 'merged'>> = {
  reject: 'rejected',
  substantiate: 'substantiated',
  unsubstantiate: 'unsubstantiated',
  merge: 'merged',
};

/** Still waiting for a decision: these count against the deadlines. */
export const PUBLIC_REPORT_OPEN_STATUSES: PublicReportStatus[] = ['received', 'accepted', 'verifying'];

// ---- Receipts -----------------------------------------------------------------------------

/** Digits in a receipt: 20 random digits ≈ 66 bits. */
export const RECEIPT_DIGITS = 20;

/** Receipt as printed: groups of four for reading aloud. */
export const formatReceipt = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** What the reporter typed, as digits (spaces, dashes dropped), or null if it cannot be a receipt. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

// ---- Request shapes -------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => s || null);

export const publicReportSchema = z.strictObject({
  category: z.enum(PUBLIC_REPORT_CATEGORIES),
  enterpriseId: z.uuid().nullish(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, bi('区划代码为12位数字', 'Region code is 12 digits'))
    .nullish(),
  place: optional(200),
  description: text(5000).min(10, bi('请至少写10个字', 'Write at least 10 characters')),
  happenedAt: optional(100),
  anonymous: z.boolean().default(true),
  name: optional(50),
  phone: optional(30),
  /** The proof of work: the challenge the server issued and the nonce the browser found. */
  pow: z.strictObject({ challenge: z.string().min(10).max(200), nonce: z.string().min(1).max(40) }),
});

const money = z.number().min(0).max(1e10);

export const publicReportTransitionSchema = z.strictObject({
  action: z.enum(PUBLIC_REPORT_ACTIONS),
  reason: text(1000).min(1).optional(),
  version: z.number().int().min(1).optional(),
  /** verify: who verifies (a username in the jurisdiction); default the handler. */
  assignee: text(50).min(1).optional(),
  /** substantiate: link an existing hazard of the enterprise… */
  hazardId: z.uuid().optional(),
  /** …or create one (enterprise defaults to the reported one). */
  hazard: z
    .strictObject({
      enterpriseId: z.uuid().optional(),
      description: text(2000).min(1),
      location: optional(200),
      level: z.enum(['general', 'major']).default('general'),
    })
    .optional(),
  /** decideReward: the facts the province rule needs. */
  reward: z
    .strictObject({
      penalty: money.optional(),
      concealedDeaths: z.number().int().min(0).max(1000).optional(),
      accidentGrade: z.enum(ACCIDENT_GRADES).optional(),
      /** A decided amount that departs from the rule (the basis must say why). */
      override: money.optional(),
      note: text(500).optional(),
    })
    .optional(),
  /** payReward: the payment record. */
  payment: z.strictObject({ paidOn: z.iso.date(), reference: text(100).min(1) }).optional(),
  /** merge: the report this one joins. */
  into: z.uuid().optional(),
});

export const publicReportMessageSchema = z.strictObject({ text: text(5000).min(1) });
export const followSchema = z.strictObject({ receipt: z.string().max(60) });
export const followMessageSchema = z.strictObject({ receipt: z.string().max(60), text: text(5000).min(1) });

// ---- Deadlines ------------------------------------------------------------------------------

export type ReportDeadlines = { acceptWorkingDays: number; concludeDays: number };
/** Defaults: accept within 5 working days, conclude within 60 days (configurable per deployment). */
export const DEFAULT_REPORT_DEADLINES: ReportDeadlines = { acceptWorkingDays: 5, concludeDays: 60 };

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Deadlines from settings (REPORT_ACCEPT_WORKING_DAYS, REPORT_CONCLUDE_DAYS), else the defaults. */
export function reportDeadlinesFrom(env: Record<string, string | undefined>): ReportDeadlines {
  const n = (v: string | undefined, d: number) => (v && /^\d{1,3}$/.test(v) && Number(v) > 0 ? Number(v) : d);
  return {
    acceptWorkingDays: n(env.REPORT_ACCEPT_WORKING_DAYS, DEFAULT_REPORT_DEADLINES.acceptWorkingDays),
    concludeDays: n(env.REPORT_CONCLUDE_DAYS, DEFAULT_REPORT_DEADLINES.concludeDays),
  };
}

/** Accept within working days counted in `calendar` (weekends only when none is given); conclude within calendar days. */
export function reportDeadlines(
  receivedOn: string,
  c: ReportDeadlines = DEFAULT_REPORT_DEADLINES,
  calendar: WorkingCalendar = WEEKENDS_ONLY,
) {
  const conclude = day(receivedOn);
  conclude.setUTCDate(conclude.getUTCDate() + c.concludeDays);
  return { acceptDue: addWorkingDays(calendar, receivedOn, c.acceptWorkingDays), concludeDue: ymd(conclude) };
}
