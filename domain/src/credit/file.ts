// The credit file (信用档案) as sent to the UI (issue 26 item 1): the subject, its level with the
// reasons, the level's history, and the events gathered from the other capabilities' records.
import { z } from 'zod';
import { CREDIT_LEVELS, creditReasonSchema } from './level.ts';

export const CREDIT_SUBJECTS = ['enterprise', 'intermediary'] as const;
export type CreditSubject = (typeof CREDIT_SUBJECTS)[number];

export const CREDIT_EVENT_KINDS = [
  'penalty',
  'accident',
  'listedHazard',
  'overdueFix',
  'blacklist',
  'commitment',
  'brokenCommitment',
  'report',
  'falseReport',
  'goodRecord',
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

export const creditEventSchema = z.object({
  kind: z.enum(CREDIT_EVENT_KINDS),
  at: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  /** Where the record lives in the UI (an accident, a case …), when the reader may open it. */
  link: z.string().nullable(),
});
export type CreditEvent = z.infer<typeof creditEventSchema>;

export const levelChangeSchema = z.object({
  at: z.string(),
  fromLevel: z.enum(CREDIT_LEVELS).nullable(),
  toLevel: z.enum(CREDIT_LEVELS),
  score: z.number(),
  cause: z.string(),
  reasons: z.array(creditReasonSchema),
});

export const creditFileSchema = z.object({
  subject: z.enum(CREDIT_SUBJECTS),
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  level: z.enum(CREDIT_LEVELS).nullable(),
  score: z.number().nullable(),
  reasons: z.array(creditReasonSchema),
  computedAt: z.string().nullable(),
  listed: z.boolean(),
  history: z.array(levelChangeSchema),
  events: z.array(creditEventSchema),
  /** This year's commitment is signed (enterprises). */
  commitmentSigned: z.boolean().nullable(),
  allowedActions: z.array(z.enum(['recompute', 'sign', 'breach'])),
});
export type CreditFile = z.infer<typeof creditFileSchema>;

export const creditListQuerySchema = z.object({
  level: z.enum(CREDIT_LEVELS).optional(),
  q: z.string().trim().max(100).optional(),
  listed: z.enum(['true', 'false']).optional(),
  /** Levels that fell to C or D within this many days (the 工作台's item). */
  fellWithinDays: z.coerce.number().int().min(1).max(365).optional(),
  /** This year's commitment not signed. */
  unsigned: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CreditListQuery = z.infer<typeof creditListQuerySchema>;

export const creditListItemSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  level: z.enum(CREDIT_LEVELS).nullable(),
  score: z.number().nullable(),
  listed: z.boolean(),
  commitmentSigned: z.boolean(),
  changedAt: z.string().nullable(),
});
