// Joint sanctions (联合惩戒, issue 26 item 3): partner departments' systems ask by credit code
// whether a unit is on the serious-discredit list, with an API key the platform admin issues and
// revokes. A key is shown once at issue and stored only as its SHA-256 (it is 256 random bits, so
// a slow hash adds nothing); each key has its own rate a minute.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

export const partnerKeyInputSchema = z.strictObject({
  name: z
    .string({ message: bi('请填写合作部门名称', 'The partner is required') })
    .trim()
    .min(2, bi('名称至少 2 个字', 'At least 2 characters'))
    .max(100, bi('名称最多 100 个字', 'At most 100 characters')),
  contact: z.string().trim().max(100, bi('联系人最多 100 个字', 'At most 100 characters')).optional(),
  /** Queries a minute; default: the setting credit.partnerQueriesPerMinute. */
  perMinute: z
    .number({ message: bi('应为数字', 'Must be a number') })
    .int(bi('应为整数', 'Must be a whole number'))
    .min(1, bi('不能小于 1', 'At least 1'))
    .max(1_000_000, bi('不能大于 1000000', 'At most 1,000,000'))
    .optional(),
});

export const PARTNER_KEY_ACTIONS = ['revoke'] as const;

export const partnerKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string().nullable(),
  prefix: z.string(),
  perMinute: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  queries: z.number(),
  allowedActions: z.array(z.enum(PARTNER_KEY_ACTIONS)),
});
export type PartnerKey = z.infer<typeof partnerKeySchema>;

/** The USCC a partner asks about: 18 characters of the code's alphabet (the check digit is not enforced). */
export const partnerQuerySchema = z.object({
  uscc: z
    .string({ message: bi('请提供统一社会信用代码', 'The credit code is required') })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NP-RTUW-Y]{18}$/, bi('统一社会信用代码应为 18 位', 'A credit code has 18 characters')),
});

export const partnerAnswerSchema = z.object({
  uscc: z.string(),
  /** The code belongs to a unit or agency on the platform. */
  known: z.boolean(),
  name: z.string().nullable(),
  listed: z.boolean(),
  listedSince: z.string().nullable(),
  expiresAt: z.string().nullable(),
  reason: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  /** Credit level of the unit's file, when it has one. */
  creditLevel: z.enum(['A', 'B', 'C', 'D']).nullable(),
});
export type PartnerAnswer = z.infer<typeof partnerAnswerSchema>;

/**
 * A sliding minute per key, kept in the process (one server; a cluster would keep it in the
 * database): the count of this fixed minute plus the last minute's, weighted by how much of it
 * still lies in the sliding 60 s — O(1) per query however high the rate (a list of every hit's
 * time was O(n) to trim at a million a minute).
 */
export class MinuteLimiter {
  readonly #keys = new Map<string, { start: number; count: number; previous: number }>();
  allow(key: string, perMinute: number, now = Date.now()): boolean {
    let k = this.#keys.get(key);
    if (!k) {
      if (this.#keys.size > 10_000) this.#keys.clear(); // bounded: unknown keys cannot grow it forever
      k = { start: now, count: 0, previous: 0 };
      this.#keys.set(key, k);
    }
    const elapsed = now - k.start;
    if (elapsed >= 60_000) {
      // One minute on: this minute becomes the previous one; two or more: both empty.
      k.previous = elapsed < 120_000 ? k.count : 0;
      k.count = 0;
      k.start = now - (elapsed % 60_000);
    }
    const weight = 1 - (now - k.start) / 60_000;
    if (k.previous * weight + k.count >= perMinute) return false;
    k.count++;
    return true;
  }
}
