// SQL of major hazard installations (重大危险源): the row with its enterprise, its presentation
// with allowedActions (domain policy), the list with its counts by grade, and the writes.
import { type Actor, allowedInstallationActions, type Gb18218Result, type gb18218InputSchema, type Installation } from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

export type InstallationRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  name: string;
  inventory: z.infer<typeof gb18218InputSchema>['substances'];
  people_within_500m: number;
  s: number;
  r: number;
  alpha: number;
  is_major_hazard: boolean;
  grade: number | null;
  result: Gb18218Result;
  evaluated_at: Date | string;
  version: number;
};

const SELECT = `SELECT m.*, e.name AS enterprise_name, e.region_code FROM major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id`;
const FROM = 'major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id';

export const toInstallation = (r: InstallationRow, actor: Actor): Installation => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  name: r.name,
  inventory: r.inventory,
  peopleWithin500m: r.people_within_500m,
  S: r.s,
  R: r.r,
  alpha: r.alpha,
  isMajorHazard: r.is_major_hazard,
  grade: r.grade,
  perSubstance: r.result.perSubstance,
  evaluatedAt: new Date(r.evaluated_at).toISOString(),
  version: r.version,
  allowedActions: allowedInstallationActions(actor, { enterpriseId: r.enterprise_id }),
});

/** The installation if the caller's scope shows it; FOR UPDATE locks it for a command. */
export async function findInstallation(tx: Scoped, id: string, forUpdate = false): Promise<InstallationRow | undefined> {
  const params: unknown[] = [id];
  return (
    await tx.query<InstallationRow>(
      `${SELECT} WHERE m.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF m' : ''}`,
      params,
    )
  )[0];
}

export const installationListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  grade: z.coerce.number().int().min(1).max(4).optional(),
  majorOnly: z.enum(['true', 'false']).optional(),
  ...pageFields(),
});

/** One page, most severe first (grade 1 first, then by R), with the total and the counts per grade. */
export async function listInstallations(tx: Scoped, query: z.infer<typeof installationListQuery>) {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params)).eq('m.enterprise_id', query.enterpriseId).eq('m.grade', query.grade);
  if (query.majorOnly === 'true') w.add('m.is_major_hazard');
  const page = w.page(query.page, query.pageSize);
  const rows = await tx.query<InstallationRow>(
    `${SELECT} WHERE ${w.sql} ORDER BY m.grade NULLS LAST, m.r DESC, m.id ${page.limit}`,
    page.params,
  );
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${w.sql}`, w.params);
  const byGrade = await tx.query<{ grade: number | null; n: number }>(
    `SELECT m.grade, count(*)::int AS n FROM ${FROM} WHERE ${w.sql} GROUP BY m.grade ORDER BY m.grade`,
    w.params,
  );
  return { rows, total: c?.n ?? 0, byGrade };
}

type Evaluated = { name: string; substances: InstallationRow['inventory']; peopleWithin500m: number; result: Gb18218Result };

const evaluatedParams = (v: Evaluated) => [
  v.name,
  JSON.stringify(v.substances),
  v.peopleWithin500m,
  v.result.S,
  v.result.R,
  v.result.alpha,
  v.result.isMajorHazard,
  v.result.grade,
  JSON.stringify(v.result),
];

export async function insertInstallation(tx: Scoped, enterpriseId: string, v: Evaluated): Promise<string> {
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, grade, result)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
    [enterpriseId, ...evaluatedParams(v)],
  );
  return created?.id as string;
}

/** Store a re-evaluation: the inputs, the result and a new evaluation time and version. */
export async function updateInstallation(tx: Scoped, id: string, v: Evaluated): Promise<void> {
  await tx.query(
    `UPDATE major_hazard_installations SET name = $2, inventory = $3::jsonb, people_within_500m = $4, s = $5, r = $6, alpha = $7,
       is_major_hazard = $8, grade = $9, result = $10::jsonb, evaluated_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
    [id, ...evaluatedParams(v)],
  );
}

export async function deleteInstallation(tx: Scoped, id: string): Promise<void> {
  await tx.query('DELETE FROM major_hazard_installations WHERE id = $1', [id]);
}
