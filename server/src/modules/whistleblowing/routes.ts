// The handlers' routes of whistleblower reports (/api/v1/reports, reveal requests, reward rules,
// statistics). No SQL and no rule of who may here: the commands and reads are in service.ts,
// reveal.ts, rewards.ts and stats.ts; answers are declared from domain's schemas.
import {
  createdIdSchema,
  publicReportMessageSchema,
  publicReportTransitionSchema,
  reportMessagesSchema,
  reportStatsQuerySchema,
  reportStatsSchema,
  revealedIdentitySchema,
  revealRequestListSchema,
  revealRequestSchema,
  rewardRuleSchema,
  rewardRuleSetSchema,
  rewardRulesSchema,
  whistleblowerReportDetailSchema,
  whistleblowerReportListSchema,
  whistleblowerReportQuerySchema,
  whistleblowerReportSummarySchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { readAttachment } from './attachments.ts';
import type { Keyring } from './keyring.ts';
import { decideReveal, requestReveal, revealIdentity, revealsToDecide } from './reveal.ts';
import { rewardRules, setRewardRule } from './rewards.ts';
import { addHandlerFile, handleReport, listReportsFor, mustHandle, reportDetail, reportFile, writeToReporter } from './service.ts';
import { reportStats } from './stats.ts';

const provinceParams = z.object({ province: z.string().regex(/^\d{2}$/, '省级区划为两位数字||Province is two digits') });

export function reportHandlingRoutes(app: FastifyInstance, db: Db, keys: Keyring, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports',
    access: 'user',
    summary: '举报受理箱（按状态、期限）Report inbox',
    tags: ['reports'],
    query: whistleblowerReportQuerySchema,
    response: whistleblowerReportListSchema,
    handler: async ({ query, actor }) => listReportsFor(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id',
    access: 'user',
    summary: '举报详情（内容、对话、附件、办理记录；举报人身份另经审批）Report detail',
    tags: ['reports'],
    params: idParams,
    response: whistleblowerReportDetailSchema,
    handler: async ({ params, actor }) => reportDetail(db, keys, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id/files/:fileId',
    access: 'user',
    summary: '查看举报附件（解密后发送）Open a report attachment',
    tags: ['reports'],
    params: z.object({ id: z.uuid(), fileId: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const file = await reportFile(db, files, keys, actor, params.id, params.fileId);
      // The name may be Chinese: RFC 5987 encoding; inline so photos show in the page.
      reply
        .header('Content-Type', file.type)
        .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.data);
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/files',
    access: 'user',
    summary: '办理人上传附件（核查材料）Add a file to a report',
    tags: ['reports'],
    params: idParams,
    response: createdIdSchema,
    status: 201,
    handler: async ({ params, actor, req }) => {
      // Refused before the upload is read.
      mustHandle(actor);
      return addHandlerFile(db, files, keys, actor, params.id, await readAttachment(req));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/transitions',
    access: 'user',
    summary: '办理举报（受理、不予受理、核查、属实、不属实、奖励、发放、办结、合并）Handle a report',
    tags: ['reports'],
    params: idParams,
    body: publicReportTransitionSchema,
    response: whistleblowerReportSummarySchema,
    handler: async ({ params, body, actor }) => handleReport(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/messages',
    access: 'user',
    summary: '向举报人提问或答复 Write to the reporter',
    tags: ['reports'],
    params: idParams,
    body: publicReportMessageSchema,
    response: reportMessagesSchema,
    status: 201,
    handler: async ({ params, body, actor }) => writeToReporter(db, keys, actor, params.id, body.text),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/reveal-requests',
    access: 'user',
    summary: '申请查看实名举报人身份（需另一名授权人员批准）Ask to see a named reporter’s identity',
    tags: ['reports'],
    params: idParams,
    body: z.strictObject({ reason: z.string().trim().min(5).max(500) }),
    response: createdIdSchema,
    status: 201,
    handler: async ({ params, body, actor }) => requestReveal(db, actor, params.id, body.reason),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reveal-requests',
    access: 'user',
    summary: '待我审批的身份查看申请 Identity requests waiting for my decision',
    tags: ['reports'],
    response: revealRequestListSchema,
    handler: async ({ actor }) => revealsToDecide(db, actor),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reveal-requests/:id/decision',
    access: 'user',
    summary: '批准或拒绝身份查看申请（不能审批本人的申请）Approve or refuse',
    tags: ['reports'],
    params: idParams,
    body: z.strictObject({ approve: z.boolean(), note: z.string().trim().max(500).optional() }),
    response: revealRequestSchema,
    handler: async ({ params, body, actor }) => decideReveal(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reveal-requests/:id/reveal',
    access: 'user',
    summary: '查看已获批准的举报人身份（每次查看均记入审计）Open the identity after approval',
    tags: ['reports'],
    params: idParams,
    response: revealedIdentitySchema,
    handler: async ({ params, actor }) => revealIdentity(db, keys, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/report-reward-rules',
    access: 'user',
    summary: '各省举报奖励标准 Reward rules by province',
    tags: ['reports'],
    response: rewardRulesSchema,
    handler: async ({ actor }) => rewardRules(db, actor),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/report-reward-rules/:province',
    access: 'user',
    summary: '设置本省举报奖励标准 Set a province’s reward rule',
    tags: ['reports'],
    params: provinceParams,
    body: rewardRuleSchema,
    response: rewardRuleSetSchema,
    handler: async ({ params, body, actor }) => setRewardRule(db, actor, params.province, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/report-stats',
    access: 'user',
    summary: '举报统计（按下级区划：受理、属实率、平均办理天数、奖励）Report statistics',
    tags: ['reports'],
    query: reportStatsQuerySchema,
    response: reportStatsSchema,
    handler: async ({ query, actor }) => reportStats(db, actor, query),
  });
}
