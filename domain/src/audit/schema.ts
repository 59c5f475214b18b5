// Response shapes of the audit routes (the admin's audit log and the chain's verification); the
// web's AuditPage reads its types from here.
import { z } from 'zod';

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
  /** Present (true) only on events that keep their day alone. */
  dayOnly: z.literal(true).optional(),
});
export type AuditEventOut = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  firstBroken: z.object({ seq: z.number(), reason: z.enum(['hash', 'link', 'gap', 'head']) }).nullable(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
