// Penalty cases (行政处罚案件): open a case, list and read cases with their deadlines and allowed
// actions, take a step (each issues its document), the 案卷 PDF; and the public list of published
// decisions (一公开, no login). SQL in cases-store.ts, commands in cases-service.ts.
import {
  caseDetailSchema,
  caseInputSchema,
  caseListQuerySchema,
  caseStepSchema,
  caseSummarySchema,
  publishedDecisionSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { casePdf } from './cases-pdf.ts';
import { createCase, getCase, listCases, listPublishedDecisions, takeCaseStep } from './cases-service.ts';

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

const publicQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function casesRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/cases',
    access: 'user',
    summary: '行政处罚案件列表 Penalty cases',
    tags: ['enforcement'],
    query: caseListQuerySchema,
    response: page(caseSummarySchema),
    handler: ({ query, actor }) => listCases(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/cases',
    access: 'user',
    summary: '立案 Open a case (issues the 立案审批表)',
    tags: ['enforcement'],
    body: caseInputSchema,
    response: caseDetailSchema,
    status: 201,
    handler: ({ body, actor }) => createCase(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/cases/:id',
    access: 'user',
    summary: '案件详情 A case with its timeline, deadlines and allowed actions',
    tags: ['enforcement'],
    params: idParams,
    response: caseDetailSchema,
    handler: ({ params, actor }) => getCase(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/cases/:id/steps',
    access: 'user',
    summary: '案件办理步骤 A step of the case (403/409 carry allowedActions)',
    tags: ['enforcement'],
    params: idParams,
    body: caseStepSchema,
    response: caseDetailSchema,
    handler: ({ params, body, actor }) => takeCaseStep(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/cases/:id/dossier',
    access: 'user',
    summary: '案卷 PDF The case’s full history as one PDF',
    tags: ['enforcement'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, title } = await casePdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `case-${params.id.slice(0, 8)}.pdf`, `${title}.pdf`);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/enforcement/decisions',
    access: 'public',
    summary: '公开的行政处罚决定 Published penalty decisions (安全生产法 Art. 78; persons masked)',
    tags: ['enforcement', 'public'],
    query: publicQuery,
    response: page(publishedDecisionSchema),
    handler: ({ query }) => listPublishedDecisions(db, query),
  });
}
