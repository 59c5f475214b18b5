// The settings API's requests and responses (server/src/modules/settings), typed once for the web.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { SETTING_ACTIONS } from './policy.ts';
import { SETTING_GROUP_LABELS, SETTING_KEYS, type SettingKey } from './registry.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
export const provinceCodeSchema = z.string().regex(/^\d{2}$/, bi('省级代码为两位数字', 'Province code has 2 digits'));

/** One setting as seen nationally or for one province. Values are JSON of the setting's type. */
export const settingViewSchema = z.object({
  key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
  group: z.enum(Object.keys(SETTING_GROUP_LABELS) as [keyof typeof SETTING_GROUP_LABELS]),
  label: bilingual,
  description: bilingual,
  type: z.enum(['text', 'integer']),
  scope: z.enum(['national', 'province']),
  provisional: z.boolean(),
  source: z.string(),
  public: z.boolean(),
  default: z.unknown(),
  /** The national value as stored (null: never set, the default applies). */
  national: z.unknown(),
  nationalVersion: z.number().nullable(),
  /** The province's override (null: none, or no province asked). */
  province: z.unknown(),
  provinceVersion: z.number().nullable(),
  effective: z.unknown(),
  origin: z.enum(['province', 'national', 'default']),
  allowedActions: z.array(z.enum(SETTING_ACTIONS)),
});
export type SettingView = z.infer<typeof settingViewSchema>;

export const settingsQuerySchema = z.object({ province: provinceCodeSchema.optional() });
export const settingsResponseSchema = z.object({
  province: z.string().nullable(),
  items: z.array(settingViewSchema),
});
export type SettingsList = z.infer<typeof settingsResponseSchema>;

export const settingUpdateSchema = z
  .object({
    province: provinceCodeSchema.optional(),
    value: z.unknown(),
    /** The version the client edited (nationalVersion / provinceVersion); another is 409. */
    version: z.number().int().optional(),
  })
  .strict();

export const publicSettingSchema = z.object({ key: z.string(), value: z.unknown() });
