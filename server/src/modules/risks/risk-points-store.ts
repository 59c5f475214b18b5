// SQL of risk points (风险点): the row, its presentation with allowedActions, the register's WHERE
// and order, assessment (history row + current level). Scope through enterprises/scope.ts.
import {
  type Actor,
  type AssessmentInput,
  allowedRiskPointActions,
  type ControlMeasure,
  lec,
  ls,
  RISK_LEVEL_INFO,
  type RiskLevel,
  type RiskPoint,
  type RiskPointInput,
  riskLevelSchema,
  type riskPointPatchSchema,
} from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { invalid } from '../../http/errors.ts';
import { dateOnly, iso } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { thresholdsFor } from './store.ts';

export type RiskPointRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  name: string;
  location: string | null;
  activity: string | null;
  hazard_factors: string[];
  accident_types: string[];
  control_measures: ControlMeasure[];
  review_date: string | Date | null;
  area_id: string | null;
  area_name: string | null;
  method: 'lec' | 'ls' | null;
  score: number | null;
  level: RiskLevel | null;
  assessed_at: string | Date | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
};

export const RISK_POINT_SELECT = `SELECT rp.*, e.name AS enterprise_name, e.region_code, ra.name AS area_name
  FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id LEFT JOIN risk_areas ra ON ra.id = rp.area_id`;

export function toRiskPoint(r: RiskPointRow, actor: Actor): RiskPoint {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    name: r.name,
    location: r.location,
    activity: r.activity,
    hazardFactors: r.hazard_factors,
    accidentTypes: r.accident_types,
    controlMeasures: r.control_measures,
    reviewDate: dateOnly(r.review_date),
    areaId: r.area_id,
    areaName: r.area_name,
    method: r.method,
    score: r.score,
    level: r.level,
    colour: r.level ? RISK_LEVEL_INFO[r.level].colour : null,
    assessedAt: iso(r.assessed_at),
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    allowedActions: allowedRiskPointActions(actor, { enterpriseId: r.enterprise_id }),
  };
}

export async function findRiskPoint(tx: Scoped, id: string, forUpdate = false): Promise<RiskPointRow | undefined> {
  const params: unknown[] = [id];
  const rows = await tx.query<RiskPointRow>(
    `${RISK_POINT_SELECT} WHERE rp.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF rp' : ''}`,
    params,
  );
  return rows[0];
}

/** A risk point's assessments, newest first (the history kept on every reassessment). */
export async function assessmentHistory(tx: Scoped, riskPointId: string) {
  const rows = await tx.query<{
    method: 'lec' | 'ls';
    inputs: Record<string, number>;
    result: Record<string, unknown>;
    thresholds: Record<string, unknown>;
    score: number;
    level: RiskLevel;
    assessed_by: string;
    assessed_at: Date | string;
  }>(
    'SELECT method, inputs, result, thresholds, score, level, assessed_by, assessed_at FROM risk_assessments WHERE risk_point_id = $1 ORDER BY assessed_at DESC, id',
    [riskPointId],
  );
  return rows.map((h) => ({
    method: h.method,
    inputs: h.inputs,
    result: h.result,
    thresholds: h.thresholds,
    score: h.score,
    level: h.level,
    assessedBy: h.assessed_by,
    assessedAt: iso(h.assessed_at) as string,
  }));
}

/** One page of the register and its total. */
export async function listRiskPoints(tx: Scoped, query: RiskPointQuery) {
  const w = registerWhere(tx, query);
  const page = w.page(query.page, query.pageSize);
  const rows = await tx.query<RiskPointRow>(`${RISK_POINT_SELECT} WHERE ${w.sql} ORDER BY ${REGISTER_ORDER} ${page.limit}`, page.params);
  const [c] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id WHERE ${w.sql}`,
    w.params,
  );
  return { rows, total: c?.n ?? 0 };
}

/** The register for the Excel export, in the register's order (bounded). */
export function exportRiskPoints(tx: Scoped, query: Omit<RiskPointQuery, 'page' | 'pageSize'>) {
  const w = registerWhere(tx, query);
  return tx.query<RiskPointRow>(`${RISK_POINT_SELECT} WHERE ${w.sql} ORDER BY ${REGISTER_ORDER} LIMIT 50000`, w.params);
}

export async function insertRiskPoint(tx: Scoped, enterpriseId: string, body: RiskPointInput): Promise<string> {
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO risk_points (enterprise_id, name, location, activity, hazard_factors, accident_types, control_measures, review_date, area_id)
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::jsonb, $8, $9) RETURNING id`,
    [
      enterpriseId,
      body.name,
      body.location,
      body.activity,
      body.hazardFactors,
      body.accidentTypes,
      JSON.stringify(body.controlMeasures),
      body.reviewDate,
      body.areaId,
    ],
  );
  return created?.id as string;
}

/** Change the fields given (undefined keeps a field; null clears the nullable ones) and bump the version. */
export async function updateRiskPoint(tx: Scoped, id: string, body: z.infer<typeof riskPointPatchSchema>): Promise<void> {
  await tx.query(
    `UPDATE risk_points SET name = coalesce($2, name), location = CASE WHEN $3 THEN $4 ELSE location END,
       activity = CASE WHEN $5 THEN $6 ELSE activity END, hazard_factors = coalesce($7::text[], hazard_factors),
       accident_types = coalesce($8::text[], accident_types), control_measures = coalesce($9::jsonb, control_measures),
       review_date = CASE WHEN $10 THEN $11::date ELSE review_date END, area_id = CASE WHEN $12 THEN $13::uuid ELSE area_id END,
       version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      id,
      body.name ?? null,
      body.location !== undefined,
      body.location ?? null,
      body.activity !== undefined,
      body.activity ?? null,
      body.hazardFactors ?? null,
      body.accidentTypes ?? null,
      body.controlMeasures ? JSON.stringify(body.controlMeasures) : null,
      body.reviewDate !== undefined,
      body.reviewDate ?? null,
      body.areaId !== undefined,
      body.areaId ?? null,
    ],
  );
}

export async function deleteRiskPoint(tx: Scoped, id: string): Promise<void> {
  await tx.query('DELETE FROM risk_points WHERE id = $1', [id]);
}

/** Assess with the province's thresholds, append to the history and set the point's current level. */
export async function assess(
  tx: Scoped,
  actor: Actor,
  point: { id: string; enterprise_id: string; region_code: string },
  a: AssessmentInput,
) {
  const t = await thresholdsFor(tx, point.region_code);
  const result = a.method === 'lec' ? lec(a.inputs, t.lec) : ls(a.inputs, t.ls);
  const score = 'D' in result ? result.D : result.R;
  await tx.query(
    `INSERT INTO risk_assessments (risk_point_id, enterprise_id, method, inputs, result, thresholds, score, level, assessed_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9)`,
    [
      point.id,
      point.enterprise_id,
      a.method,
      JSON.stringify(a.inputs),
      JSON.stringify(result),
      JSON.stringify(a.method === 'lec' ? t.lec : t.ls),
      score,
      result.level,
      actor.username,
    ],
  );
  await tx.query(
    `UPDATE risk_points SET method = $2, score = $3, level = $4, assessed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
    [point.id, a.method, score, result.level],
  );
  return result;
}

export async function checkArea(tx: Scoped, enterpriseId: string, areaId: string | null | undefined) {
  if (!areaId) return;
  const r = await tx.query('SELECT 1 FROM risk_areas WHERE id = $1 AND enterprise_id = $2', [areaId, enterpriseId]);
  if (!r.length) throw invalid({ areaId: { zh: '区域不存在或不属于该企业', en: 'No such area in this enterprise' } });
}

export const riskPointListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  level: riskLevelSchema.optional(),
  accidentType: z.string().max(40).optional(),
  areaId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  unassessed: z.enum(['true', 'false']).optional(),
  ...pageFields(500),
});
export type RiskPointQuery = z.infer<typeof riskPointListQuery>;

/** WHERE of the register, shared by the list and the Excel export. */
export function registerWhere(tx: Scoped, q: Omit<RiskPointQuery, 'page' | 'pageSize'>): Where {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params)).eq('rp.enterprise_id', q.enterpriseId).eq('rp.level', q.level).eq('rp.area_id', q.areaId);
  if (q.accidentType) w.add(`${w.param(q.accidentType)} = ANY(rp.accident_types)`);
  if (q.q) {
    const like = w.param(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.add(`(rp.name ILIKE ${like} OR rp.location ILIKE ${like} OR e.name ILIKE ${like})`);
  }
  if (q.unassessed === 'true') w.add('rp.level IS NULL');
  return w;
}

/** Most severe first, then by name: the order regulators read a register in. */
export const REGISTER_ORDER = `CASE rp.level WHEN 'major' THEN 1 WHEN 'high' THEN 2 WHEN 'moderate' THEN 3 WHEN 'low' THEN 4 ELSE 5 END, e.name, rp.name, rp.id`;
