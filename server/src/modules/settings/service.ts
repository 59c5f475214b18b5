// Settings commands and views: set a value (national, or a province's override), remove a
// province's override, list every setting as seen nationally or for one province. Authorised by
// domain/src/settings/policy.ts, validated by each setting's own schema, audited in the same
// transaction as the change, with the row's version checked (optimistic: another is 409).
import {
  type Actor,
  fieldMessages,
  isSettingKey,
  mayEditSetting,
  NATIONAL_SETTING_REGION,
  provinceOfRegion,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  type SettingValue,
  type SettingView,
  settingActions,
  settingOrigin,
  settingValue,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { deleteSetting, findSettingForUpdate, type SettingRow, settingPair, settingRows, upsertSetting } from './store.ts';

/**
 * The value of `key` in force at a place (a 12-digit region code or any prefix of it; '' or '00'
 * for the national value): the province's override, else the national value, else the default.
 * For other modules; `q` may be the database or a (scoped) transaction.
 */
export async function effectiveSetting<K extends SettingKey>(q: Queryable, key: K, regionCode: string): Promise<SettingValue<K>> {
  const province = regionCode.length >= 2 ? provinceOfRegion(regionCode) : NATIONAL_SETTING_REGION;
  return settingValue(key, await settingPair(q, key, province));
}

function toView(actor: Actor, key: SettingKey, province: string | undefined, rows: SettingRow[]): SettingView {
  const s = SETTINGS[key];
  const national = rows.find((r) => r.key === key && r.region_code === NATIONAL_SETTING_REGION);
  const override = province === undefined ? undefined : rows.find((r) => r.key === key && r.region_code === province);
  const values = { national: national?.value, province: override?.value };
  return {
    key,
    group: s.group,
    label: s.label,
    description: s.description,
    type: s.type,
    scope: s.scope,
    provisional: s.provisional,
    source: s.source,
    public: 'public' in s && s.public === true,
    default: s.default,
    national: national?.value ?? null,
    nationalVersion: national?.version ?? null,
    province: override?.value ?? null,
    provinceVersion: override?.version ?? null,
    effective: settingValue(key, values),
    origin: settingOrigin(key, values),
    allowedActions: settingActions(actor, key, province, override !== undefined),
  };
}

export async function listSettings(db: Queryable, actor: Actor, province?: string) {
  const rows = await settingRows(db, province);
  return { province: province ?? null, items: SETTING_KEYS.map((key) => toView(actor, key, province, rows)) };
}

function knownKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw notFound();
  return key;
}

/** Refuses a province value for a setting that is set nationally only. */
function regionOf(key: SettingKey, province: string | undefined): string {
  if (province === undefined) return NATIONAL_SETTING_REGION;
  if (SETTINGS[key].scope !== 'province') {
    throw invalid({ province: { zh: '该设置只能全国统一设置', en: 'This setting is set nationally only' } });
  }
  return province;
}

const CHANGED = { zh: '该设置已被他人修改，请刷新后重试', en: 'The setting changed; reload and try again' };

export async function updateSetting(
  db: Db,
  actor: Actor,
  rawKey: string,
  input: { province?: string; value: unknown; version?: number },
): Promise<SettingView> {
  const key = knownKey(rawKey);
  const region = regionOf(key, input.province);
  if (!mayEditSetting(actor, key, input.province)) throw forbidden();
  const parsed = SETTINGS[key].schema.safeParse(input.value);
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error.issues);
    throw invalid(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === '_' ? 'value' : `value.${k}`, v])));
  }
  await db.transaction(async (tx) => {
    const before = await findSettingForUpdate(tx, key, region);
    if (input.version !== undefined && input.version !== (before?.version ?? 0)) throw new AppError('conflict', CHANGED);
    const version = await upsertSetting(tx, key, region, parsed.data, actor.username, before?.version ?? 0);
    if (version === null) throw new AppError('conflict', CHANGED);
    await appendAudit(tx, actor, {
      action: 'setting.update',
      entityType: 'setting',
      entityId: `${key}@${region}`,
      regionCode: region === NATIONAL_SETTING_REGION ? null : `${region}0000000000`,
      before: before ? { value: before.value, version: before.version } : null,
      after: { value: parsed.data, version },
    });
  });
  return toView(actor, key, input.province, await settingRows(db, input.province));
}

/** Remove a province's override: the national value (or the default) applies there again. */
export async function removeOverride(db: Db, actor: Actor, rawKey: string, province: string, version?: number): Promise<void> {
  const key = knownKey(rawKey);
  regionOf(key, province);
  if (!mayEditSetting(actor, key, province)) throw forbidden();
  await db.transaction(async (tx) => {
    const before = await findSettingForUpdate(tx, key, province);
    if (!before) throw notFound();
    if (version !== undefined && version !== before.version) throw conflict(CHANGED);
    await deleteSetting(tx, key, province);
    await appendAudit(tx, actor, {
      action: 'setting.removeOverride',
      entityType: 'setting',
      entityId: `${key}@${province}`,
      regionCode: `${province}0000000000`,
      before: { value: before.value, version: before.version },
    });
  });
}

/** A setting anyone may read without a login (only `public` entries; others are 404). */
export async function publicSetting(db: Queryable, rawKey: string, province?: string) {
  const key = knownKey(rawKey);
  const s = SETTINGS[key];
  if (!('public' in s) || s.public !== true) throw notFound();
  return { key, value: await effectiveSetting(db, key, province ?? NATIONAL_SETTING_REGION) };
}
