// The settings API's requests and responses (server/src/modules/settings), typed once for the web.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { SETTING_ACTIONS } from './policy.ts';
import { SETTING_GROUP_LABELS, SETTING_KEYS, type SettingKey } from './registry.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
/** A province-level division's 2-digit code (GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82); not '00', the national row. */
export const provinceCodeSchema = z
  .string()
  .regex(/^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)$/, bi('不是省级行政区划代码（两位）', 'Not a province code (2 digits)'));

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
