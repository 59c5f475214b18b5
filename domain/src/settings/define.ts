// A setting's definition and the groups of the settings page, apart from the registry so that a
// capability can declare its settings beside its rules (credit/blacklist-settings.ts …) and the
// registry spreads them in without an import cycle.
import type { z } from 'zod';

type Bilingual = { zh: string; en: string };

/** Where a setting may be set: nationally only, or nationally with province overrides. */
export type SettingScope = 'national' | 'province';
/** How the web edits a value. */
export type SettingType = 'text' | 'integer';

export type SettingDef<S extends z.ZodType = z.ZodType> = {
  /** The capability the setting belongs to (groups the settings page). */
  group: SettingGroup;
  label: Bilingual;
  description: Bilingual;
  type: SettingType;
  schema: S;
  default: z.output<S>;
  scope: SettingScope;
  /** The rule is not confirmed against its primary text: shown 暂定 with its source. */
  provisional: boolean;
  /** The law or standard the value comes from, or 'UNCONFIRMED …' with what is known. */
  source: string;
  /** Readable without a login (GET /api/v1/settings/public/:key), e.g. for the public map. */
  public?: boolean;
};

export const SETTING_GROUP_LABELS = {
  map: { zh: '地图', en: 'Map' },
  enforcement: { zh: '执法检查', en: 'Enforcement' },
  accidents: { zh: '事故报告', en: 'Accident reports' },
  credit: { zh: '信用管理', en: 'Credit' },
  accountability: { zh: '责任与考核', en: 'Accountability' },
  people: { zh: '人员与培训', en: 'People and training' },
  emergency: { zh: '应急准备', en: 'Emergency preparedness' },
  publicHealth: { zh: '公共卫生', en: 'Public health' },
  command: { zh: '指挥中心', en: 'Command centre' },
} as const satisfies Record<string, Bilingual>;
export type SettingGroup = keyof typeof SETTING_GROUP_LABELS;

export const def = <S extends z.ZodType>(d: SettingDef<S>) => d;
