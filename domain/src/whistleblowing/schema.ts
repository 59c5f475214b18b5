// What the whistleblowing routes answer (the request shapes are in workflow.ts and rewards.ts).
// The server parses every answer with these schemas, which drops any field not listed here: a
// field the web reads must be declared. The web uses the inferred types.
import { z } from 'zod';
import { REVEAL_REQUEST_ACTIONS, WHISTLEBLOWER_REPORT_ACTIONS } from './policy.ts';
import { ACCIDENT_GRADES } from './rewards.ts';
import { PUBLIC_REPORT_CATEGORIES, PUBLIC_REPORT_STATUSES } from './workflow.ts';

const status = z.enum(PUBLIC_REPORT_STATUSES);
const bilingual = z.object({ zh: z.string(), en: z.string() });

// ---- The reporter's side (/api/public) ---------------------------------------------------

export const powChallengeSchema = z.object({ challenge: z.string(), bits: z.number() });

/** The receipt, shown to the reporter once. */
export const receiptSchema = z.object({ receipt: z.string(), digits: z.number() });

const rewardSchema = z.object({ amount: z.number(), steps: z.array(z.string()), paidOn: z.string().nullable() });

/** What a reporter sees with the receipt: plain status words, the reason, the conversation, the outcome; no handler names. */
export const reporterViewSchema = z.object({
  status,
  statusLabel: bilingual,
  /** The status of the report this one was merged into (null when not merged). */
  outcomeStatus: status.nullable(),
  outcomeLabel: bilingual.nullable(),
  reason: z.string().nullable(),
  receivedOn: z.string(),
  description: z.string(),
  reward: rewardSchema.nullable(),
  messages: z.array(z.object({ author: z.enum(['reporter', 'handler']), text: z.string(), sentOn: z.string() })),
  files: z.array(z.object({ name: z.string(), size: z.number(), author: z.string() })),
});
export type ReporterView = z.infer<typeof reporterViewSchema>;

/** The public directory's answer to a name: name and region only, at most ten. */
export const publicEnterpriseMatchesSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), regionName: z.string().nullable() })),
});

// ---- The handler's side (/api/v1/reports) ------------------------------------------------

/** The inbox's filters (also the 工作台's queries). */
export const whistleblowerReportQuerySchema = z.object({
  status: z.enum([...PUBLIC_REPORT_STATUSES, 'open']).optional(),
  overdue: z.enum(['true']).optional(),
  enterpriseId: z.uuid().optional(),
  /** To be concluded on or before this day. */
  concludeBy: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
});
export type WhistleblowerReportQuery = z.infer<typeof whistleblowerReportQuerySchema>;

export const whistleblowerReportSummarySchema = z.object({
  id: z.string(),
  category: z.enum(PUBLIC_REPORT_CATEGORIES),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  anonymous: z.boolean(),
  status,
  receivedOn: z.string(),
  acceptDue: z.string(),
  concludeDue: z.string(),
  concludedOn: z.string().nullable(),
  assignee: z.string().nullable(),
  overdue: z.enum(['accept', 'conclude']).nullable(),
  escalatedTier: z.string().nullable(),
  hazardId: z.string().nullable(),
  mergedInto: z.string().nullable(),
  reward: rewardSchema.nullable(),
  rewardReference: z.string().nullable(),
  version: z.number(),
  /** What this user may do on the report now (domain's allowedWhistleblowerReportActions). */
  allowedActions: z.array(z.enum(WHISTLEBLOWER_REPORT_ACTIONS)),
});
export type WhistleblowerReportSummary = z.infer<typeof whistleblowerReportSummarySchema>;

export const whistleblowerReportListSchema = z.object({
  items: z.array(whistleblowerReportSummarySchema),
  /** Reports of the user's area by status (all of them, whatever the filter). */
  counts: z.record(z.string(), z.number()),
});

export const reportMessageSchema = z.object({
  author: z.enum(['reporter', 'handler']),
  handler: z.string().nullable(),
  text: z.string(),
  sentOn: z.string(),
});
export const reportMessagesSchema = z.object({ messages: z.array(reportMessageSchema) });

export const REVEAL_REQUEST_STATUSES = ['requested', 'approved', 'refused'] as const;
export type RevealRequestStatus = (typeof REVEAL_REQUEST_STATUSES)[number];
export const REVEAL_REQUEST_STATUS_LABELS: Record<RevealRequestStatus, { zh: string; en: string }> = {
  requested: { zh: '待审批', en: 'waiting' },
  approved: { zh: '已批准', en: 'approved' },
  refused: { zh: '已拒绝', en: 'refused' },
};

export const revealRequestSchema = z.object({
  id: z.string(),
  reportId: z.string(),
  requester: z.string(),
  reason: z.string(),
  status: z.enum(REVEAL_REQUEST_STATUSES),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** decide: approve or refuse (domain's mayDecideReveal); reveal: the asker opens the identity once approved. */
  allowedActions: z.array(z.enum(REVEAL_REQUEST_ACTIONS)),
});
export type RevealRequest = z.infer<typeof revealRequestSchema>;
export const revealRequestListSchema = z.object({ items: z.array(revealRequestSchema) });
export const revealedIdentitySchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const whistleblowerReportDetailSchema = whistleblowerReportSummarySchema.extend({
  description: z.string(),
  place: z.string().nullable(),
  happenedAt: z.string().nullable(),
  reason: z.string().nullable(),
  rewardBasis: z.string().nullable(),
  identitySealed: z.boolean(),
  messages: z.array(reportMessageSchema),
  files: z.array(z.object({ id: z.string(), author: z.string(), name: z.string(), type: z.string(), size: z.number() })),
  transitions: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      actor: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
      dayOnly: z.boolean(),
    }),
  ),
  mergedReports: z.array(z.string()),
  reveals: z.array(revealRequestSchema),
});
export type WhistleblowerReportDetail = z.infer<typeof whistleblowerReportDetailSchema>;

export const createdIdSchema = z.object({ id: z.string() });

// ---- Reward rules and statistics ---------------------------------------------------------

/** A stored rule as answered (not strict: the request schema, rewardRuleSchema, is). */
export const rewardRuleViewSchema = z.object({
  penaltyShare: z.number(),
  minimum: z.number(),
  maximum: z.number(),
  perConcealedDeath: z.object(
    Object.fromEntries(ACCIDENT_GRADES.map((g) => [g, z.number()])) as Record<(typeof ACCIDENT_GRADES)[number], z.ZodNumber>,
  ),
  concealedMaximum: z.number(),
  source: z.string(),
});

export const rewardRuleRowSchema = z.object({
  province: z.string(),
  rule: rewardRuleViewSchema,
  updatedBy: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.literal('edit')),
});
export type RewardRuleRow = z.infer<typeof rewardRuleRowSchema>;

export const rewardRulesSchema = z.object({
  /** The built-in national rule, used when no '00' row is set. */
  national: rewardRuleViewSchema,
  /** set: the user may set some province's rule. */
  allowedActions: z.array(z.literal('set')),
  /** edit: the user may edit the national default. */
  nationalAllowedActions: z.array(z.literal('edit')),
  /** The province whose rule this user sets, fixed in the form (domain's ownRewardProvince); null: the admin picks. */
  ownProvince: z.string().nullable(),
  items: z.array(rewardRuleRowSchema),
});
export type RewardRules = z.infer<typeof rewardRulesSchema>;

export const rewardRuleSetSchema = z.object({ province: z.string(), rule: rewardRuleViewSchema });

export const reportStatsQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
    .optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const reportStatsNumbersSchema = z.object({
  received: z.number(),
  rejected: z.number(),
  substantiated: z.number(),
  unsubstantiated: z.number(),
  merged: z.number(),
  open: z.number(),
  overdue: z.number(),
  /** Share of verified reports found true (null before any verdict). */
  substantiatedRate: z.number().nullable(),
  /** Mean days from receipt to acceptance refusal, verdict or merge. */
  averageHandlingDays: z.number().nullable(),
  rewardsDecided: z.number(),
  rewardsPaid: z.number(),
});
export type ReportStatsNumbers = z.infer<typeof reportStatsNumbersSchema>;

export const reportStatsSchema = z.object({
  region: z.string(),
  totals: reportStatsNumbersSchema,
  byRegion: z.array(reportStatsNumbersSchema.extend({ code: z.string(), name: z.string() })),
});
export type ReportStats = z.infer<typeof reportStatsSchema>;
