// The enterprise directory (企业名录): search, detail, create, edit, delete, Excel/CSV import and
// Excel export. Everything runs in the caller's jurisdiction scope.
import {
  canImportEnterprises,
  changeRequestDecisionSchema,
  changeRequestInputSchema,
  changeRequestQuerySchema,
  changeRequestSchema,
  enterpriseInputSchema,
  enterprisePatchSchema,
  enterpriseQuerySchema,
  enterpriseSchema,
  importSummarySchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { sendXlsx } from '../../http/download.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { createChangeRequest, decideChangeRequest, listChangeRequests } from './change-requests-service.ts';
import { importRows } from './import.ts';
import { createEnterprise, patchEnterprise, removeEnterprise, toEnterprise } from './service.ts';
import { exportRows, findEnterprise, searchEnterprises } from './store.ts';
import { readTable, readUploadedTable, writeXlsx } from './tabular.ts';

export const MAX_EXPORT_ROWS = 100_000;

export function enterpriseRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises',
    access: 'user',
    summary: '企业名录检索 Search the directory',
    tags: ['enterprises'],
    query: enterpriseQuerySchema,
    response: z.object({ items: z.array(enterpriseSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    handler: async ({ query, actor }) => {
      const { items, total } = await readScoped(db, actor.scope, (tx) => searchEnterprises(tx, query));
      return { items: items.map((r) => toEnterprise(r, actor)), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises/export',
    access: 'user',
    summary: '导出 Excel Export to Excel',
    tags: ['enterprises'],
    query: enterpriseQuerySchema.omit({ page: true, pageSize: true, sort: true }),
    handler: async ({ query, actor, reply }) => {
      const rows = await readScoped(db, actor.scope, (tx) => exportRows(tx, query, MAX_EXPORT_ROWS));
      sendXlsx(reply, await writeXlsx(rows), 'enterprises.xlsx', '企业名录');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises/:id',
    access: 'user',
    summary: '企业详情 Enterprise detail',
    tags: ['enterprises'],
    params: idParams,
    response: enterpriseSchema,
    handler: async ({ params, actor }) => {
      const row = await readScoped(db, actor.scope, (tx) => findEnterprise(tx, params.id));
      if (!row) throw notFound();
      return toEnterprise(row, actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enterprises',
    access: 'user',
    summary: '新增企业 Create an enterprise',
    tags: ['enterprises'],
    body: enterpriseInputSchema,
    response: enterpriseSchema,
    status: 201,
    handler: async ({ body, actor }) => createEnterprise(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/enterprises/:id',
    access: 'user',
    summary: '修改企业 Update an enterprise',
    tags: ['enterprises'],
    params: idParams,
    body: enterprisePatchSchema,
    response: enterpriseSchema,
    handler: async ({ params, body, actor }) => patchEnterprise(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/enterprises/:id',
    access: 'user',
    summary: '删除企业 Delete an enterprise',
    tags: ['enterprises'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      await removeEnterprise(db, actor, params.id);
      reply.code(204).send();
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enterprises/import',
    access: 'user',
    summary: '批量导入（.xlsx / .csv，multipart 字段 file）Import from Excel or CSV',
    tags: ['enterprises'],
    response: importSummarySchema,
    handler: async ({ req, actor }) => {
      if (!canImportEnterprises(actor)) throw forbidden();
      return importRows(db, actor, await readUploadedTable(req, readTable));
    },
  });

  // 监管要素变更申请 (issue 22, item 6).
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enterprises/:id/change-requests',
    access: 'user',
    summary:
      '企业申请变更监管要素（区划、行业、高危领域、人数、收入），由县级确认 Request a change of the supervision fields, for the county to confirm',
    tags: ['enterprises'],
    params: idParams,
    body: changeRequestInputSchema,
    response: changeRequestSchema,
    status: 201,
    handler: async ({ params, body, actor }) => createChangeRequest(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprise-change-requests',
    access: 'user',
    summary: '变更申请列表（toConfirm=true：待我确认的）Change requests (toConfirm=true: those waiting for me)',
    tags: ['enterprises'],
    query: changeRequestQuerySchema,
    response: z.object({ items: z.array(changeRequestSchema), total: z.number() }),
    handler: async ({ query, actor }) => listChangeRequests(db, actor, query),
  });

  for (const action of ['approve', 'reject', 'withdraw'] as const) {
    const what = { approve: '批准 Approve', reject: '驳回 Reject', withdraw: '撤回 Withdraw' }[action];
    defineRoute(app, {
      method: 'POST',
      url: `/api/v1/enterprise-change-requests/:id/${action}`,
      access: 'user',
      summary: `${what} a change request`,
      tags: ['enterprises'],
      params: idParams,
      body: changeRequestDecisionSchema.optional(),
      response: changeRequestSchema,
      handler: async ({ params, body, actor }) => decideChangeRequest(db, actor, params.id, action, body?.note ?? null),
    });
  }
}
