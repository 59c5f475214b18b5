// Risk reports (风险主动报告): an enterprise reports its major and high risks to the regulator;
// draft → submitted → acknowledged, or returned with a reason and submitted again. The report
// keeps a snapshot of the risk points as they were when submitted. Commands in
// risk-reports-service.ts, SQL in risk-reports-store.ts.
import { mayReadRiskReport, REPORT_ACTIONS, riskReportListSchema, riskReportSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { createRiskReport, transitionRiskReport } from './risk-reports-service.ts';
import {
  countRiskReports,
  findRiskReport,
  listRiskReports,
  riskReportListQuery,
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
    response: riskReportListSchema,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = riskReportWhere(tx, query);
        const rows = await listRiskReports(tx, w, query.page, query.pageSize);
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
    response: riskReportSchema,
    handler: async ({ params, actor }) => {
      const r = await readScoped(db, actor.scope, (tx) => findRiskReport(tx, params.id));
      if (!r || !mayReadRiskReport(actor, { enterpriseId: r.enterprise_id, status: r.status })) throw notFound();
      return toRiskReport(r, actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-reports',
    access: 'user',
    summary: '新建风险报告草稿（含当前重大、较大风险）Draft a risk report',
    tags: ['risks'],
    body: z.strictObject({ enterpriseId: z.uuid(), note: z.string().trim().max(2000).nullish() }),
    status: 201,
    response: riskReportSchema,
    handler: async ({ body, actor }) => createRiskReport(db, actor, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-reports/:id/transitions',
    access: 'user',
    summary: '报送 / 确认 / 退回（退回须写明原因）Submit, acknowledge or return',
    tags: ['risks'],
    params: idParams,
    body: transitionBody,
    response: riskReportSchema,
    handler: async ({ params, body, actor }) => transitionRiskReport(db, actor, params.id, body),
  });
}
