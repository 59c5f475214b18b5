// Risk reports (风险主动报告): an enterprise reports its major and high risks to the regulator;
// draft → submitted → acknowledged, or returned with a reason and submitted again. The report
// keeps a snapshot of the risk points as they were when submitted.

import { canEditEnterpriseRisk, REPORT_ACTIONS, reportTransition } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';

import {
  countRiskReports,
  findRiskReport,
  RISK_REPORT_SELECT,
  type RiskReportRow,
  riskReportListQuery,
  riskReportSnapshot,
  riskReportWhere,
  toRiskReport,
} from './risk-reports-store.ts';

const transitionBody = z.strictObject({
  action: z.enum(REPORT_ACTIONS),
  reason: z.string().trim().min(1).max(1000).optional(),
  version: z.number().int().min(1).optional(),
});

export function riskReportRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-reports',
    access: 'user',
    summary: '风险报告列表 Risk reports',
    tags: ['risks'],
    query: riskReportListQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = riskReportWhere(tx, query);
        const page = w.page(query.page, query.pageSize);
        const rows = await tx.query<RiskReportRow>(
          `${RISK_REPORT_SELECT} WHERE ${w.sql} ORDER BY coalesce(rr.submitted_at, rr.created_at) DESC, rr.id ${page.limit}`,
          page.params,
        );
        return {
          items: rows.map((r) => toRiskReport(r, actor)),
          total: await countRiskReports(tx, w),
          page: query.page,
          pageSize: query.pageSize,
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-reports/:id',
    access: 'user',
    summary: '风险报告详情 Risk report',
    tags: ['risks'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await findRiskReport(tx, params.id);
        if (!r || (r.status === 'draft' && actor.scope.enterpriseId === null && actor.role !== 'platformAdmin')) throw notFound();
        return toRiskReport(r, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-reports',
    access: 'user',
    summary: '新建风险报告草稿（含当前重大、较大风险）Draft a risk report',
    tags: ['risks'],
    body: z.strictObject({ enterpriseId: z.uuid(), note: z.string().trim().max(2000).nullish() }),
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
        const [created] = await tx.query<{ id: string }>(
          `INSERT INTO risk_reports (enterprise_id, status, items, note) VALUES ($1, 'draft', $2::jsonb, $3) RETURNING id`,
          [e.id, JSON.stringify(await riskReportSnapshot(tx, e.id)), body.note ?? null],
        );
        const row = (await findRiskReport(tx, created?.id as string)) as RiskReportRow;
        await appendAudit(tx, actor, {
          action: 'riskReport.create',
          entityType: 'riskReport',
          entityId: row.id,
          regionCode: e.region_code,
          after: toRiskReport(row, actor),
        });
        return toRiskReport(row, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-reports/:id/transitions',
    access: 'user',
    summary: '报送 / 确认 / 退回（退回须写明原因）Submit, acknowledge or return',
    tags: ['risks'],
    params: idParams,
    body: transitionBody,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findRiskReport(tx, params.id, true);
        if (!before || (before.status === 'draft' && !canEditEnterpriseRisk(actor, before.enterprise_id))) throw notFound();
        if (body.version !== undefined && body.version !== before.version) throw new AppError('conflict');
        const t = reportTransition(actor, { enterpriseId: before.enterprise_id, status: before.status }, body.action);
        if (!t.ok) {
          if (t.reason === 'forbidden') throw forbidden();
          throw new AppError('conflict', {
            zh: `当前状态“${before.status}”不能执行“${body.action}”`,
            en: `Cannot ${body.action} a report that is ${before.status}`,
          });
        }
        if (body.action === 'return' && !body.reason) throw invalid({ reason: { zh: '退回须写明原因', en: 'A return needs a reason' } });
        if (body.action === 'submit') {
          const items = await riskReportSnapshot(tx, before.enterprise_id);
          if (items.length === 0) {
            throw invalid({
              items: {
                zh: '没有重大或较大风险可报送；请先评估风险点',
                en: 'No major or high risks to report; assess the risk points first',
              },
            });
          }
          await tx.query(
            `UPDATE risk_reports SET status = 'submitted', items = $2::jsonb, submitted_at = now(), submitted_by = $3, return_reason = NULL,
               version = version + 1, updated_at = now() WHERE id = $1`,
            [params.id, JSON.stringify(items), actor.username],
          );
        } else {
          await tx.query(
            `UPDATE risk_reports SET status = $2, decided_at = now(), decided_by = $3, return_reason = $4, version = version + 1, updated_at = now() WHERE id = $1`,
            [params.id, t.to, actor.username, body.action === 'return' ? body.reason : null],
          );
        }
        const after = (await findRiskReport(tx, params.id)) as RiskReportRow;
        await appendAudit(tx, actor, {
          action: `riskReport.${body.action}`,
          entityType: 'riskReport',
          entityId: params.id,
          regionCode: after.region_code,
          before: { status: before.status },
          after: { status: after.status, reason: body.reason ?? null },
        });
        return toRiskReport(after, actor);
      }),
  });
}
