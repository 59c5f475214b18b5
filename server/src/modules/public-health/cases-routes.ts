// The HTTP routes of 传染病报告 (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// Diseases and their versions, health facilities, case cards (report, list, detail, the six
// actions, duplicate suggestions). No SQL here: cases-service.ts.
import { PH_CASE_ACTIONS, type PhCaseAction } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  actOnCase,
  caseActionBodySchema,
  caseBodySchema,
  caseDuplicates,
  caseListQuerySchema,
  correctCase,
  correctionBodySchema,
  createCase,
  getCase,
  listCases,
  listDiseases,
  listFacilities,
} from './cases-service.ts';
import {
  changeDisease,
  confirmDiseaseVersion,
  confirmVersionSchema,
  createDisease,
  diseaseChangeSchema,
  diseaseCodeParams,
  newDiseaseSchema,
} from './diseases-service.ts';

const TAGS = ['publicHealth'];

export function phCasesRoutes(app: FastifyInstance, { db, keyring }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/diseases',
    access: 'user',
    summary: '法定传染病 Notifiable diseases with their versions by date (class, managed as class A, provisional)',
    tags: TAGS,
    handler: () => listDiseases(db),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/diseases',
    access: 'user',
    summary: '新增病种 Add a notifiable disease with its first version (national or provincial administrator)',
    tags: TAGS,
    body: newDiseaseSchema,
    status: 201,
    handler: ({ body, actor }) => createDisease(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/diseases/:code/versions',
    access: 'user',
    summary: '调整病种 A new version from a date (class, managed as class A), or removal from the list; history is kept',
    tags: TAGS,
    params: diseaseCodeParams,
    body: diseaseChangeSchema,
    status: 201,
    handler: ({ params, body, actor }) => changeDisease(db, actor, params.code, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/disease-versions/:id/confirm',
    access: 'user',
    summary: '确认暂定版本 Confirm a provisional version with the document that settled it',
    tags: TAGS,
    params: idParams,
    body: confirmVersionSchema,
    handler: ({ params, body, actor }) => confirmDiseaseVersion(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-facilities',
    access: 'user',
    summary: '医疗卫生机构 Health facilities of the jurisdiction',
    tags: TAGS,
    handler: ({ actor }) => listFacilities(db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-cases',
    access: 'user',
    summary:
      '传染病报告卡 Case cards of the jurisdiction (a facility: its own), persons masked but for the jurisdiction’s CDC and the reporter',
    tags: TAGS,
    query: caseListQuerySchema,
    handler: ({ query, actor }) => listCases(db, keyring, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-cases',
    access: 'user',
    summary: '报告传染病 Report a case (a medical reporter, for its facility)',
    tags: TAGS,
    body: caseBodySchema,
    status: 201,
    handler: ({ body, actor }) => createCase(db, keyring, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-cases/:id',
    access: 'user',
    summary: '报告卡详情 A case card with its history and allowed actions',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => getCase(db, keyring, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/health-cases/:id',
    access: 'user',
    summary: '订正并重新提交 A returned card corrected by its facility and sent back for review',
    tags: TAGS,
    params: idParams,
    body: correctionBodySchema,
    handler: ({ params, body, actor }) => correctCase(db, keyring, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/health-cases/:id/duplicates',
    access: 'user',
    summary: '疑似重复 Cards of the same person and disease within the window',
    tags: TAGS,
    params: idParams,
    handler: ({ params, actor }) => caseDuplicates(db, keyring, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/health-cases/:id/:action',
    access: 'user',
    summary: '审核/退回/重新提交/删除/订正分类/合并 An action on a case card',
    tags: TAGS,
    params: idParams.extend({ action: z.enum(PH_CASE_ACTIONS as [PhCaseAction, ...PhCaseAction[]]) }),
    body: caseActionBodySchema,
    handler: ({ params, body, actor }) => actOnCase(db, keyring, actor, params.id, params.action, body),
  });
}
