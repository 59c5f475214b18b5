// The HTTP routes of 应急预案与备案 (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// No SQL here: plans-service.ts, plans-documents.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { planDocumentPdf } from './plans-documents.ts';
import {
  createPlan,
  editPlan,
  filingListQuerySchema,
  filingStepParams,
  getObligations,
  getPlan,
  getPlanVersion,
  listFilings,
  listMissingFilings,
  listPlans,
  planCards,
  planCardsPdf,
  planListQuerySchema,
  planPdf,
  planStepParams,
  takeFilingStep,
  takePlanStep,
} from './plans-service.ts';

const BASE = '/api/v1/emergency/plans';
const FILINGS = '/api/v1/emergency/plan-filings';

export function emergencyPlansRoutes(app: FastifyInstance, { db }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '应急预案 The plans of the jurisdiction (an enterprise: its own), with views for waiting work',
    tags: ['emergencyPlans'],
    query: planListQuerySchema,
    handler: ({ query, actor }) => listPlans(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '新建应急预案 A plan of an enterprise or a government department, in draft',
    tags: ['emergencyPlans'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createPlan(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/emergency/plan-obligations/:id',
    access: 'user',
    summary: '单位预案义务 Must the enterprise file (Decree 708 Art. 7)? 评审 or 论证 (令第88号 Art. 21)?',
    tags: ['emergencyPlans'],
    params: idParams,
    handler: ({ params, actor }) => getObligations(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '预案详情 Sections, versions, filings, triggers, annexes (supplies, contacts), linked risks, allowed actions',
    tags: ['emergencyPlans'],
    params: idParams,
    handler: ({ params, actor }) => getPlan(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '修改预案内容 Edit a draft (409 once signed or published)',
    tags: ['emergencyPlans'],
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => editPlan(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/steps/:action`,
    access: 'user',
    summary:
      '预案办理步骤 Review, sign, publish, revise, evaluate, abolish, record a trigger, submit for filing (403/409 carry allowedActions)',
    tags: ['emergencyPlans'],
    params: planStepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takePlanStep(db, actor, params.id, params.action, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/versions/:n`,
    access: 'user',
    summary: '历史版本 A published version, frozen (read-only)',
    tags: ['emergencyPlans'],
    params: z.object({ id: z.uuid({ message: '编号格式不正确||Invalid id' }), n: z.coerce.number().int().min(1).max(1000) }),
    handler: ({ params, actor }) => getPlanVersion(db, actor, params.id, params.n),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/pdf`,
    access: 'user',
    summary: '预案 PDF The plan in the standard layout (current, or ?version=n)',
    tags: ['emergencyPlans'],
    params: idParams,
    query: z.object({ version: z.coerce.number().int().min(1).max(1000).optional() }),
    handler: async ({ params, query, actor, reply }) => {
      const { pdf, title, version } = await planPdf(db, actor, params.id, query.version);
      return sendDownload(reply, pdf, 'application/pdf', `plan-${params.id.slice(0, 8)}-v${version}.pdf`, `${title}-第${version}版.pdf`);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/cards`,
    access: 'user',
    summary: '应急处置卡 The key posts’ response cards of an on-site plan (phone page)',
    tags: ['emergencyPlans'],
    params: idParams,
    handler: ({ params, actor }) => planCards(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/cards/pdf`,
    access: 'user',
    summary: '应急处置卡 PDF Pocket-size cards (A7), one a page',
    tags: ['emergencyPlans'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, title } = await planCardsPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `cards-${params.id.slice(0, 8)}.pdf`, `${title}-应急处置卡.pdf`);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: FILINGS,
    access: 'user',
    summary: '预案备案台 Filings: pending (with the 5-working-day countdown), returned, filed',
    tags: ['emergencyPlans'],
    query: filingListQuerySchema,
    handler: ({ query, actor }) => listFilings(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${FILINGS}/missing`,
    access: 'user',
    summary: '应备未备单位 Units that must file (Decree 708 Art. 7) with no plan filed',
    tags: ['emergencyPlans'],
    handler: ({ actor }) => listMissingFilings(db, actor),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${FILINGS}/:id/steps/:action`,
    access: 'user',
    summary: '备案办理 Accept (备案登记表), one-time notice of missing items, resubmit',
    tags: ['emergencyPlans'],
    params: filingStepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeFilingStep(db, actor, params.id, params.action, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/emergency/plan-documents/:id/pdf',
    access: 'user',
    summary: '备案登记表/补正告知书 PDF The document as issued',
    tags: ['emergencyPlans'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, title } = await planDocumentPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `plan-document-${params.id.slice(0, 8)}.pdf`, `${title}-${number}.pdf`);
    },
  });
}
