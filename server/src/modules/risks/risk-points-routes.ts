// Risk points (风险点) of an enterprise: identification, assessment (LEC or LS, history kept on
// every reassessment), level and colour, control measures with tiers and responsible people.
// Enterprise users edit their own; supervisors read within their jurisdiction.

import { assessmentInputSchema, canEditEnterpriseRisk, riskPointInputSchema, riskPointPatchSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { sendXlsx } from '../../http/download.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { iso } from '../../time.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { registerXlsx } from './register-export.ts';
import {
  assess,
  checkArea,
  findRiskPoint,
  REGISTER_ORDER,
  RISK_POINT_SELECT,
  type RiskPointRow,
  registerWhere,
  riskPointListQuery,
  toRiskPoint,
} from './risk-points-store.ts';

export function riskPointRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points',
    access: 'user',
    summary: '风险清单 Risk register (filters: enterprise, level, accident type, area, text)',
    tags: ['risks'],
    query: riskPointListQuery,
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
    query: riskPointListQuery.omit({ page: true, pageSize: true }),
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
