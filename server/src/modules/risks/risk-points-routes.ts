// Risk points (风险点) of an enterprise: identification, assessment (LEC or LS, history kept on
// every reassessment), level and colour, control measures with tiers and responsible people.
// Enterprise users edit their own; supervisors read within their jurisdiction. Commands are in
// service.ts, SQL in risk-points-store.ts.
import {
  assessmentInputSchema,
  riskPointDetailSchema,
  riskPointInputSchema,
  riskPointListSchema,
  riskPointPatchSchema,
  riskPointSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { sendXlsx } from '../../http/download.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { registerXlsx } from './register-export.ts';
import {
  assessmentHistory,
  exportRiskPoints,
  findRiskPoint,
  listRiskPoints,
  riskPointListQuery,
  toRiskPoint,
} from './risk-points-store.ts';
import { assessRiskPoint, createRiskPoint, patchRiskPoint, removeRiskPoint } from './service.ts';

export function riskPointRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points',
    access: 'user',
    summary: '风险清单 Risk register (filters: enterprise, level, accident type, area, text)',
    tags: ['risks'],
    query: riskPointListQuery,
    response: riskPointListSchema,
    handler: async ({ query, actor }) => {
      const { rows, total } = await readScoped(db, actor.scope, (tx) => listRiskPoints(tx, query));
      return { items: rows.map((r) => toRiskPoint(r, actor)), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-points/export',
    access: 'user',
    summary: '导出风险分级管控清单（Excel）Export the register',
    tags: ['risks'],
    query: riskPointListQuery.omit({ page: true, pageSize: true }),
    handler: async ({ query, actor, reply }) => {
      const rows = await readScoped(db, actor.scope, (tx) => exportRiskPoints(tx, query));
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
    response: riskPointDetailSchema,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const row = await findRiskPoint(tx, params.id);
        if (!row) throw notFound();
        return { ...toRiskPoint(row, actor), assessments: await assessmentHistory(tx, params.id) };
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
    response: riskPointSchema,
    handler: async ({ body, actor }) => createRiskPoint(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/risk-points/:id',
    access: 'user',
    summary: '修改风险点 Update a risk point',
    tags: ['risks'],
    params: idParams,
    body: riskPointPatchSchema,
    response: riskPointSchema,
    handler: async ({ params, body, actor }) => patchRiskPoint(db, actor, params.id, body),
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
    response: riskPointSchema,
    handler: async ({ params, body, actor }) => assessRiskPoint(db, actor, params.id, body),
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
      await removeRiskPoint(db, actor, params.id);
      reply.code(204).send();
    },
  });
}
