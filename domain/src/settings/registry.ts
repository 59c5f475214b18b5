// The settings registry (系统设置): every value an administrator may set, declared as data in one
// place. A capability whose rule is not confirmed against a primary text (STANDARDS-NEXT.md marks
// them UNCONFIRMED) adds it here as a setting with that default, `provisional: true` and its
// source, so the web labels it 暂定 — never a silent constant in code. Values are stored per
// region (migration 029): '00' is the national value; a `scope: 'province'` setting may be
// overridden by a province (its 2-digit code), and a province without an override inherits the
// national value; a setting never set anywhere has its default.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

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
} as const satisfies Record<string, Bilingual>;
export type SettingGroup = keyof typeof SETTING_GROUP_LABELS;

const def = <S extends z.ZodType>(d: SettingDef<S>) => d;

export const SETTINGS = {
  'map.approvalNumber': def({
    group: 'map',
    label: { zh: '审图号', en: 'Map approval number (审图号)' },
    description: {
      zh: '公开地图和驾驶舱地图下方显示的底图审图号；未填写时不显示。',
      en: 'The base map’s approval number shown under the public and dashboard maps; nothing is shown while empty.',
    },
    type: 'text',
    schema: z.string().trim().max(60, bi('最多 60 个字符', 'At most 60 characters')),
    default: '',
    scope: 'province',
    provisional: false,
    source: '《地图管理条例》（国务院令第664号）：地图审核制度，公开地图应载明审图号',
    public: true,
  }),
  'enforcement.reviewDays': def({
    group: 'enforcement',
    label: { zh: '整改复查期限（日）', en: 'Days to re-inspect a rectification' },
    description: {
      zh: '责令限期整改的期限届满或收到复查申请之日起，执法人员应在此日数内复查。',
      en: 'Within this many days of the rectification deadline (or of the request for a review) the inspectors re-inspect.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(60, bi('不能大于 60', 'At most 60')),
    default: 10,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：“限期届满或收到复查申请之日起 10 日内复查”，常引自原国家安全监管总局令第15号/第16号，未核对原文',
  }),
} as const satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** The region code a setting is stored under: '00' for the national value, else the province's 2 digits. */
export const NATIONAL_SETTING_REGION = '00';

/** The province (2 digits) of a 12-digit region code, or of a shorter prefix. */
export const provinceOfRegion = (regionCode: string) => regionCode.slice(0, 2);

export type StoredValues = { national?: unknown; province?: unknown };

/** A stored value as the setting's type, or undefined when it is absent or no longer valid. */
function parsed<S extends z.ZodType>(def: SettingDef<S>, value: unknown): z.output<S> | undefined {
  if (value === undefined || value === null) return undefined;
  const r = def.schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Where the value in force comes from, for any setting's definition (the rule behind settingOrigin). */
export function originIn(def: SettingDef, values: StoredValues): 'province' | 'national' | 'default' {
  if (def.scope === 'province' && parsed(def, values.province) !== undefined) return 'province';
  return parsed(def, values.national) !== undefined ? 'national' : 'default';
}

/** The value in force for any setting's definition (the rule behind settingValue). */
export function valueIn<S extends z.ZodType>(def: SettingDef<S>, values: StoredValues): z.output<S> {
  const origin = originIn(def, values);
  return origin === 'default' ? def.default : (parsed(def, values[origin]) as z.output<S>);
}

/**
 * The value in force: the province's override (only for a province-scoped setting), else the
 * national value, else the default. A stored value the schema no longer accepts (the schema was
 * tightened after it was saved) is passed over rather than used.
 */
export function settingValue<K extends SettingKey>(key: K, values: StoredValues): SettingValue<K> {
  return valueIn(SETTINGS[key] as SettingDef, values) as SettingValue<K>;
}

/** Where the value in force comes from. */
export const settingOrigin = (key: SettingKey, values: StoredValues) => originIn(SETTINGS[key] as SettingDef, values);
