// Assessments, vetoes and the quarterly bulletin (issue 26). Owner: assessment. No SQL here:
// assessment-service.ts.
import { ASSESSMENT_ACTIONS, type AssessmentAction, type RankedBulletinRow } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { bulletinTitle, renderBulletin } from './assessment-bulletin-pdf.ts';
import {
  assessmentChildren,
  assessmentListQuerySchema,
  bulletinListQuerySchema,
  createAssessments,
  getAssessment,
  getBulletinRow,
  getTemplate,
  issueBulletin,
  listAssessments,
  listBulletins,
  listVetoes,
  recordVeto,
  revokeVeto,
  saveTemplate,
  takeAssessmentStep,
  vetoListQuerySchema,
  vetoOptions,
} from './assessment-service.ts';

const BASE = '/api/v1/assessments';
const stepParams = idParams.extend({
  action: z.enum(ASSESSMENT_ACTIONS as [AssessmentAction, ...AssessmentAction[]], { message: '未知的操作||Unknown step' }),
});

export function assessmentRoutes(app: FastifyInstance, { db }: CapabilityDeps): void {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '考核表列表 Assessment sheets in the jurisdiction (filters: year, status, grade, fix plan)',
    tags: ['assessment'],
    query: assessmentListQuerySchema,
    handler: ({ query, actor }) => listAssessments(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '建立考核表 Open the year’s sheet (own, one child, or every child without one)',
    tags: ['assessment'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createAssessments(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/children`,
    access: 'user',
    summary: '下级地区考核一览 The children assessed by the caller, with their sheets',
    tags: ['assessment'],
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    handler: ({ query, actor }) => assessmentChildren(db, actor, query.year),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/template`,
    access: 'user',
    summary: '考核模板 The template the caller keeps (or is assessed by), with its versions',
    tags: ['assessment'],
    handler: ({ actor }) => getTemplate(db, actor),
  });

  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/template`,
    access: 'user',
    summary: '修订考核模板 A new version of the template for the children (weights add up to 100)',
    tags: ['assessment'],
    body: z.unknown(),
    handler: ({ body, actor }) => saveTemplate(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/vetoes`,
    access: 'user',
    summary: '一票否决名单 Officials barred (state: active, ended, revoked; year)',
    tags: ['assessment'],
    query: vetoListQuerySchema,
    handler: ({ query, actor }) => listVetoes(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/vetoes/options`,
    access: 'user',
    summary: '一票否决可选项 Officials and accidents of the jurisdiction for the veto form',
    tags: ['assessment'],
    handler: ({ actor }) => vetoOptions(db, actor),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/vetoes`,
    access: 'user',
    summary: '记录一票否决 Bar an official held responsible for an accident',
    tags: ['assessment'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => recordVeto(db, actor, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/vetoes/:id/revoke`,
    access: 'user',
    summary: '撤销一票否决 Revoke a veto recorded in error',
    tags: ['assessment'],
    params: idParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => revokeVeto(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/bulletins`,
    access: 'user',
    summary: '季度通报 Quarterly bulletins issued by the caller’s level or above',
    tags: ['assessment'],
    query: bulletinListQuerySchema,
    handler: ({ query, actor }) => listBulletins(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/bulletins`,
    access: 'user',
    summary: '印发季度通报 Issue the bulletin of an ended quarter (numbered, children ranked)',
    tags: ['assessment'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => issueBulletin(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/bulletins/:id/pdf`,
    access: 'user',
    summary: '季度通报 PDF The bulletin in the official layout',
    tags: ['assessment'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const b = await getBulletinRow(db, actor, params.id);
      const pdf = await renderBulletin({
        issuer: b.issuer,
        number: b.number,
        year: b.year,
        quarter: b.quarter,
        rows: b.rows as RankedBulletinRow[],
        issuedAt: new Date(b.issued_at),
      });
      return sendDownload(reply, pdf, 'application/pdf', `bulletin-${b.year}-q${b.quarter}.pdf`, `${bulletinTitle(b)}-${b.number}.pdf`);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '考核表 A sheet with its items, inputs, scores, grade, vetoes and allowed actions',
    tags: ['assessment'],
    params: idParams,
    handler: ({ params, actor }) => getAssessment(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/steps/:action`,
    access: 'user',
    summary: '考核步骤 compute, score, submit, confirm, return, submitFixPlan (403/409 carry allowedActions)',
    tags: ['assessment'],
    params: stepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeAssessmentStep(db, actor, params.id, params.action, body),
  });
}
