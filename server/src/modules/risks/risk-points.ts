// Risk points (风险点) of an enterprise: identification, assessment (LEC or LS, history kept on
// every reassessment), level and colour, control measures with tiers and responsible people.
// Enterprise users edit their own; supervisors read within their jurisdiction.

import {
  type Actor,
  type AssessmentInput,
  assessmentInputSchema,
  canEditEnterpriseRisk,
  lec,
  ls,
  RISK_LEVEL_INFO,
  type RiskLevel,
  riskLevelSchema,
  riskPointInputSchema,
  riskPointPatchSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { sendXlsx } from '../../http/download.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { iso } from '../../time.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';
import { registerXlsx } from './register-export.ts';
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
  control_measures: { type: string; description: string; tier: string; responsible: string }[];
  review_date: string | Date | null;
  area_id: string | null;
  area_name: string | null;
  method: string | null;
  score: number | null;
  level: RiskLevel | null;
  assessed_at: string | Date | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
};

export const RISK_POINT_SELECT = `SELECT rp.*, e.name AS enterprise_name, e.region_code, ra.name AS area_name
  FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id LEFT JOIN risk_areas ra ON ra.id = rp.area_id`;

const dateOnly = (d: string | Date | null) =>
  d === null
    ? null
    : typeof d === 'string'
      ? d.slice(0, 10)
      : new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);

export function toRiskPoint(r: RiskPointRow, actor: Actor) {
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
    allowedActions: canEditEnterpriseRisk(actor, r.enterprise_id) ? ['update', 'assess', 'delete'] : [],
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

/** Assess with the province's thresholds, append to the history and set the point's current level. */
async function assess(tx: Scoped, actor: Actor, point: { id: string; enterprise_id: string; region_code: string }, a: AssessmentInput) {
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

async function checkArea(tx: Scoped, enterpriseId: string, areaId: string | null | undefined) {
  if (!areaId) return;
  const r = await tx.query('SELECT 1 FROM risk_areas WHERE id = $1 AND enterprise_id = $2', [areaId, enterpriseId]);
  if (!r.length) throw invalid({ areaId: { zh: '区域不存在或不属于该企业', en: 'No such area in this enterprise' } });
}

const listQuery = z.object({
  enterpriseId: z.uuid().optional(),
  level: riskLevelSchema.optional(),
  accidentType: z.string().max(40).optional(),
  areaId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  unassessed: z.enum(['true', 'false']).optional(),
  ...pageFields(500),
});
export type RiskPointQuery = z.infer<typeof listQuery>;

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

export function riskPointRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points',
    access: 'user',
    summary: '风险清单 Risk register (filters: enterprise, level, accident type, area, text)',
    tags: ['risks'],
    query: listQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = registerWhere(tx, query);
        const page = w.page(query.page, query.pageSize);
        const rows = await tx.query<RiskPointRow>(
          `${RISK_POINT_SELECT} WHERE ${w.sql} ORDER BY ${REGISTER_ORDER} ${page.limit}`,
          page.params,
        );
        const [c] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM risk_points rp JOIN enterprises e ON e.id = rp.enterprise_id WHERE ${w.sql}`,
          w.params,
        );
        return { items: rows.map((r) => toRiskPoint(r, actor)), total: c?.n ?? 0, page: query.page, pageSize: query.pageSize };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points/export',
    access: 'user',
    summary: '导出风险分级管控清单（Excel）Export the register',
    tags: ['risks'],
    query: listQuery.omit({ page: true, pageSize: true }),
    handler: async ({ query, actor, reply }) => {
      const rows = await readScoped(db, actor.scope, (tx) => {
        const w = registerWhere(tx, query);
        return tx.query<RiskPointRow>(`${RISK_POINT_SELECT} WHERE ${w.sql} ORDER BY ${REGISTER_ORDER} LIMIT 50000`, w.params);
      });
      sendXlsx(reply, await registerXlsx(rows), 'risk-register.xlsx', '风险分级管控清单');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points/:id',
    access: 'user',
    summary: '风险点详情（含评估历史）Risk point with assessment history',
    tags: ['risks'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const row = await findRiskPoint(tx, params.id);
        if (!row) throw notFound();
        const history = await tx.query<{
          method: string;
          inputs: unknown;
          result: unknown;
          thresholds: unknown;
          score: number;
          level: string;
          assessed_by: string;
          assessed_at: Date | string;
        }>(
          'SELECT method, inputs, result, thresholds, score, level, assessed_by, assessed_at FROM risk_assessments WHERE risk_point_id = $1 ORDER BY assessed_at DESC, id',
          [params.id],
        );
        return {
          ...toRiskPoint(row, actor),
          assessments: history.map((h) => ({
            method: h.method,
            inputs: h.inputs,
            result: h.result,
            thresholds: h.thresholds,
            score: h.score,
            level: h.level,
            assessedBy: h.assessed_by,
            assessedAt: iso(h.assessed_at),
          })),
        };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-points',
    access: 'user',
    summary: '新增风险点（可同时评估）Create a risk point, optionally assessed',
    tags: ['risks'],
    body: riskPointInputSchema,
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
        await checkArea(tx, e.id, body.areaId);
        const [created] = await tx.query<{ id: string }>(
          `INSERT INTO risk_points (enterprise_id, name, location, activity, hazard_factors, accident_types, control_measures, review_date, area_id)
           VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::jsonb, $8, $9) RETURNING id`,
          [
            e.id,
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
        const id = created?.id as string;
        if (body.assessment) await assess(tx, actor, { id, enterprise_id: e.id, region_code: e.region_code }, body.assessment);
        const row = (await findRiskPoint(tx, id)) as RiskPointRow;
        await appendAudit(tx, actor, {
          action: 'riskPoint.create',
          entityType: 'riskPoint',
          entityId: id,
          regionCode: e.region_code,
          after: toRiskPoint(row, actor),
        });
        return toRiskPoint(row, actor);
      }),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/risk-points/:id',
    access: 'user',
    summary: '修改风险点 Update a risk point',
    tags: ['risks'],
    params: idParams,
    body: riskPointPatchSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findRiskPoint(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        if (body.version !== undefined && body.version !== before.version) throw conflict();
        await checkArea(tx, before.enterprise_id, body.areaId);
        await tx.query(
          `UPDATE risk_points SET name = coalesce($2, name), location = CASE WHEN $3 THEN $4 ELSE location END,
             activity = CASE WHEN $5 THEN $6 ELSE activity END, hazard_factors = coalesce($7::text[], hazard_factors),
             accident_types = coalesce($8::text[], accident_types), control_measures = coalesce($9::jsonb, control_measures),
             review_date = CASE WHEN $10 THEN $11::date ELSE review_date END, area_id = CASE WHEN $12 THEN $13::uuid ELSE area_id END,
             version = version + 1, updated_at = now()
           WHERE id = $1`,
          [
            params.id,
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
        const after = (await findRiskPoint(tx, params.id)) as RiskPointRow;
        await appendAudit(tx, actor, {
          action: 'riskPoint.update',
          entityType: 'riskPoint',
          entityId: params.id,
          regionCode: after.region_code,
          before: toRiskPoint(before, actor),
          after: toRiskPoint(after, actor),
        });
        return toRiskPoint(after, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-points/:id/assessments',
    access: 'user',
    summary: '评估/重新评估风险点（保留历史）Assess or reassess (history kept)',
    tags: ['risks'],
    params: idParams,
    body: assessmentInputSchema,
    status: 201,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findRiskPoint(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        const result = await assess(tx, actor, before, body);
        const after = (await findRiskPoint(tx, params.id)) as RiskPointRow;
        await appendAudit(tx, actor, {
          action: 'riskPoint.assess',
          entityType: 'riskPoint',
          entityId: params.id,
          regionCode: after.region_code,
          before: { method: before.method, score: before.score, level: before.level },
          after: { method: body.method, inputs: body.inputs, result },
        });
        return toRiskPoint(after, actor);
      }),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/risk-points/:id',
    access: 'user',
    summary: '删除风险点 Delete a risk point',
    tags: ['risks'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      await withScope(db, actor.scope, async (tx) => {
        const before = await findRiskPoint(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        await tx.query('DELETE FROM risk_points WHERE id = $1', [params.id]);
        await appendAudit(tx, actor, {
          action: 'riskPoint.delete',
          entityType: 'riskPoint',
          entityId: params.id,
          regionCode: before.region_code,
          before: toRiskPoint(before, actor),
        });
      });
      reply.code(204).send();
    },
  });
}
