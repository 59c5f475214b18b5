// Credit files, commitments, intermediaries, joint sanctions and the partner query (issue 26).
// Owner: credit file. No SQL here: file-service.ts, intermediaries.ts, partners.ts.
import {
  breachSchema,
  creditListQuerySchema,
  falseReportSchema,
  intermediaryInputSchema,
  intermediaryListQuerySchema,
  intermediaryReportInputSchema,
  partnerAnswerSchema,
  partnerKeyInputSchema,
  signCommitmentSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  enterpriseFile,
  intermediaryFile,
  listCommitments,
  listCredit,
  recomputeCommand,
  recordBreach,
  signCommitment,
} from './file-service.ts';
import {
  addReport,
  createIntermediary,
  deleteIntermediary,
  getIntermediary,
  listIntermediaries,
  markReportFalse,
  publishedReports,
  updateIntermediary,
} from './intermediaries.ts';
import { issuePartnerKey, listPartnerKeys, partnerQuery, revokePartnerKey } from './partners.ts';

const BASE = '/api/v1/credit';
const tags = ['credit'];
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function creditRoutes(app: FastifyInstance, { db }: CapabilityDeps): void {
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/files`,
    access: 'user',
    summary: '信用档案列表 Enterprises of the jurisdiction by credit level',
    tags,
    query: creditListQuerySchema,
    handler: ({ query, actor }) => listCredit(db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/files/enterprises/:id`,
    access: 'user',
    summary: '企业信用档案 An enterprise’s credit file (its own for an enterprise account)',
    tags,
    params: idParams,
    handler: ({ params, actor }) => enterpriseFile(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/files/intermediaries/:id`,
    access: 'user',
    summary: '中介机构信用档案 An intermediary’s credit file',
    tags,
    params: idParams,
    handler: ({ params, actor }) => intermediaryFile(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/recompute`,
    access: 'user',
    summary: '重新计算信用等级 Recompute one file or the jurisdiction’s',
    tags,
    body: z.strictObject({ enterpriseId: z.uuid().optional(), intermediaryId: z.uuid().optional() }),
    handler: ({ body, actor }) => recomputeCommand(db, actor, body ?? {}),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/commitments`,
    access: 'user',
    summary: '安全承诺 An enterprise’s commitments with the broken ones',
    tags,
    query: z.object({ enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional() }),
    handler: ({ query, actor }) => listCommitments(db, actor, query.enterpriseId),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/commitments`,
    access: 'user',
    summary: '签署年度安全承诺 Sign the year’s safety commitment',
    tags,
    body: signCommitmentSchema,
    status: 201,
    handler: ({ body, actor }) => signCommitment(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/commitments/breaches`,
    access: 'user',
    summary: '记录违背安全承诺 Record a broken commitment',
    tags,
    body: breachSchema,
    status: 201,
    handler: ({ body, actor }) => recordBreach(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/intermediaries`,
    access: 'user',
    summary: '中介机构 Intermediaries of the jurisdiction',
    tags,
    query: intermediaryListQuerySchema,
    handler: ({ query, actor }) => listIntermediaries(db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/intermediaries`,
    access: 'user',
    summary: '登记中介机构 Register an intermediary',
    tags,
    body: intermediaryInputSchema,
    status: 201,
    handler: ({ body, actor }) => createIntermediary(db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/intermediaries/:id`,
    access: 'user',
    summary: '中介机构详情 An intermediary with its reports',
    tags,
    params: idParams,
    handler: ({ params, actor }) => getIntermediary(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/intermediaries/:id`,
    access: 'user',
    summary: '修改中介机构 Edit an intermediary',
    tags,
    params: idParams,
    body: intermediaryInputSchema,
    handler: ({ params, body, actor }) => updateIntermediary(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: `${BASE}/intermediaries/:id`,
    access: 'user',
    summary: '删除中介机构 Delete an intermediary (its records stay)',
    tags,
    params: idParams,
    handler: ({ params, actor }) => deleteIntermediary(db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/intermediaries/:id/reports`,
    access: 'user',
    summary: '登记中介机构报告 Record a report of the intermediary',
    tags,
    params: idParams,
    body: intermediaryReportInputSchema,
    status: 201,
    handler: ({ params, body, actor }) => addReport(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/reports/:id/false`,
    access: 'user',
    summary: '认定虚假报告 Find a report false',
    tags,
    params: idParams,
    body: falseReportSchema,
    handler: ({ params, body, actor }) => markReportFalse(db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/credit/reports',
    access: 'public',
    summary: '安全评价报告公开 Published reports of intermediaries',
    tags: [...tags, 'public'],
    query: pageQuery,
    handler: ({ query }) => publishedReports(db, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/partner-keys`,
    access: 'user',
    summary: '联合惩戒查询密钥 Partner keys (admin)',
    tags,
    handler: ({ actor }) => listPartnerKeys(db, actor),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/partner-keys`,
    access: 'user',
    summary: '签发密钥 Issue a partner key (shown once)',
    tags,
    body: partnerKeyInputSchema,
    status: 201,
    handler: ({ body, actor }) => issuePartnerKey(db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/partner-keys/:id/revoke`,
    access: 'user',
    summary: '吊销密钥 Revoke a partner key',
    tags,
    params: idParams,
    handler: ({ params, actor }) => revokePartnerKey(db, actor, params.id),
  });
  // The partner systems' query: no session; the key is the caller (checked in partnerQuery).
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/partner/credit',
    access: 'public',
    summary: '联合惩戒查询 Is this credit code on the serious-discredit list? (API key: Authorization: Bearer …)',
    tags: [...tags, 'partner'],
    response: partnerAnswerSchema,
    handler: ({ req }) => partnerQuery(db, req, req.query),
  });
}
