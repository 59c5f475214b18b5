// SQL of the four-colour risk map (四色图): the site plan row and the areas, each with the levels
// of the risk points in it (the area takes the highest; the colour is that level's).
import { highestLevel, RISK_LEVEL_INFO, type RiskArea, type RiskLevel } from '@taishan/domain';
import type { Scoped } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

export type AreaRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  name: string;
  polygon: [number, number][];
  levels: RiskLevel[] | null;
  points: number;
};

const AREA_SELECT = `SELECT a.id, a.enterprise_id, e.region_code, a.name, a.polygon,
    array_remove(array_agg(rp.level), NULL) AS levels, count(rp.id)::int AS points
  FROM risk_areas a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN risk_points rp ON rp.area_id = a.id`;

export const toArea = (a: AreaRow): RiskArea => {
  const level = highestLevel(a.levels ?? []);
  return {
    id: a.id,
    enterpriseId: a.enterprise_id,
    name: a.name,
    polygon: a.polygon,
    level,
    colour: level ? RISK_LEVEL_INFO[level].hex : null,
    riskPointCount: a.points,
  };
};

/** The area if the caller's scope shows its enterprise; FOR UPDATE locks it for a command. */
export async function findArea(tx: Scoped, id: string, forUpdate = false): Promise<AreaRow | undefined> {
  const params: unknown[] = [id];
  const scope = enterpriseScope(tx, params);
  // An aggregate cannot take FOR UPDATE: lock the area's own row first, then read it with its levels.
  if (forUpdate) {
    const locked = await tx.query(
      `SELECT 1 FROM risk_areas a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1 AND ${scope} FOR UPDATE OF a`,
      params,
    );
    if (!locked.length) return undefined;
  }
  return (await tx.query<AreaRow>(`${AREA_SELECT} WHERE a.id = $1 AND ${scope} GROUP BY a.id, e.region_code`, params))[0];
}

export function areasOf(tx: Scoped, enterpriseId: string): Promise<AreaRow[]> {
  return tx.query<AreaRow>(`${AREA_SELECT} WHERE a.enterprise_id = $1 GROUP BY a.id, e.region_code ORDER BY a.name`, [enterpriseId]);
}

export async function insertArea(tx: Scoped, enterpriseId: string, name: string, polygon: [number, number][]): Promise<string> {
  const [created] = await tx.query<{ id: string }>(
    'INSERT INTO risk_areas (enterprise_id, name, polygon) VALUES ($1, $2, $3::jsonb) RETURNING id',
    [enterpriseId, name, JSON.stringify(polygon)],
  );
  return created?.id as string;
}

export async function updateArea(tx: Scoped, id: string, p: { name?: string | undefined; polygon?: [number, number][] | undefined }) {
  await tx.query(
    'UPDATE risk_areas SET name = coalesce($2, name), polygon = coalesce($3::jsonb, polygon), updated_at = now() WHERE id = $1',
    [id, p.name ?? null, p.polygon ? JSON.stringify(p.polygon) : null],
  );
}

export async function deleteArea(tx: Scoped, id: string): Promise<void> {
  await tx.query('DELETE FROM risk_areas WHERE id = $1', [id]);
}

export type SitePlanRow = { file_key: string; width: number; height: number; content_type: string; uploaded_at: Date | string };

/** The enterprise's site plan; FOR UPDATE when it is about to be replaced. */
export async function sitePlanOf(tx: Scoped, enterpriseId: string, forUpdate = false): Promise<SitePlanRow | undefined> {
  return (
    await tx.query<SitePlanRow>(
      `SELECT file_key, width, height, content_type, uploaded_at FROM site_plans WHERE enterprise_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [enterpriseId],
    )
  )[0];
}

export async function upsertSitePlan(
  tx: Scoped,
  enterpriseId: string,
  p: { key: string; type: string; width: number; height: number; bytes: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO site_plans (enterprise_id, file_key, content_type, width, height, bytes) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (enterprise_id) DO UPDATE SET file_key = excluded.file_key, content_type = excluded.content_type,
       width = excluded.width, height = excluded.height, bytes = excluded.bytes, uploaded_at = now()`,
    [enterpriseId, p.key, p.type, p.width, p.height, p.bytes],
  );
}
