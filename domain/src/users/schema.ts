// Request and response shapes of user accounts (admin pages). The schema is the type.
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { regionCodeSchema } from '../enterprises/schema.ts';
import { bi } from '../errors/messages.ts';

const password = z.string().min(8, bi('密码至少 8 位', 'Password needs at least 8 characters')).max(256);

export const userCreateInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, bi('用户名只能包含字母、数字和 _ . -', 'Letters, digits and _ . - only')),
  displayName: z.string().trim().min(1).max(64),
  password,
  role: z.enum(ROLES),
  regionCode: regionCodeSchema.nullish(),
  departmentId: z.uuid().nullish(),
  enterpriseId: z.uuid().nullish(),
});
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userPatchInput = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
  /** Clear a lockout after repeated failed logins. */
  unlock: z.literal(true).optional(),
  /** A new role or home (region, department or enterprise): checked as on creation; the user's sessions end. */
  role: z.enum(ROLES).optional(),
  regionCode: regionCodeSchema.nullish(),
  departmentId: z.uuid().nullish(),
  enterpriseId: z.uuid().nullish(),
});
export type UserPatchInput = z.infer<typeof userPatchInput>;

export const userListQuery = z.object({ q: z.string().trim().max(64).optional(), role: z.enum(ROLES).optional() });

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  /** What the requesting admin may do with this account (users/policy.ts userActions). */
  allowedActions: z.array(z.string()),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number() });
