// SQL of the settings registry (settings, migration 029): one row per setting and region ('00'
// national, else a province's 2 digits).
import type { Queryable } from '../../db/db.ts';

export type SettingRow = { key: string; region_code: string; value: unknown; version: number };

/** The national rows and, when `province` is given, that province's rows. */
export async function settingRows(q: Queryable, province?: string): Promise<SettingRow[]> {
  return q.query<SettingRow>('SELECT key, region_code, value, version FROM settings WHERE region_code = ANY($1::text[])', [
    province ? ['00', province] : ['00'],
  ]);
}

/** The stored values of one setting for a region (national and the province's). */
export async function settingPair(q: Queryable, key: string, province: string): Promise<{ national?: unknown; province?: unknown }> {
  const rows = await q.query<SettingRow>(
    'SELECT key, region_code, value, version FROM settings WHERE key = $1 AND region_code IN ($2, $3)',
    [key, '00', province],
  );
  const at = (code: string) => rows.find((r) => r.region_code === code)?.value;
  return { national: at('00'), province: province === '00' ? undefined : at(province) };
}

/** One row, locked for the command that changes it. */
export async function findSettingForUpdate(tx: Queryable, key: string, region: string): Promise<SettingRow | null> {
  const [r] = await tx.query<SettingRow>(
    'SELECT key, region_code, value, version FROM settings WHERE key = $1 AND region_code = $2 FOR UPDATE',
    [key, region],
  );
  return r ?? null;
}

/**
 * Insert or replace a value when the row is still at `expected` (0: not there); the version goes up
 * by one. Null when another transaction got there first: a first value written by two editors at
 * once finds no row to lock, so the insert's conflict is where the second one learns of the first.
 */
export async function upsertSetting(
  tx: Queryable,
  key: string,
  region: string,
  value: unknown,
  by: string,
  expected: number,
): Promise<number | null> {
  const [r] = await tx.query<{ version: number }>(
    `INSERT INTO settings (key, region_code, value, updated_by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (key, region_code) DO UPDATE
       SET value = EXCLUDED.value, version = settings.version + 1, updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE settings.version = $5
     RETURNING version`,
    [key, region, JSON.stringify(value), by, expected],
  );
  return r?.version ?? null;
}

export async function deleteSetting(tx: Queryable, key: string, region: string): Promise<void> {
  await tx.query('DELETE FROM settings WHERE key = $1 AND region_code = $2', [key, region]);
}
