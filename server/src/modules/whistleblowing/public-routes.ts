// The reporter's routes under /api/public: no account, no SQL here (public-service.ts holds the
// commands). Answers are declared from domain's schemas; what these routes accept and answer is
// the public page's contract.
import {
  followMessageSchema,
  followSchema,
  powChallengeSchema,
  publicEnterpriseMatchesSchema,
  publicReportSchema,
  receiptSchema,
  reporterViewSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { readAttachment } from './attachments.ts';
import type { Keyring } from './keyring.ts';
import type { ProofOfWork } from './pow.ts';
import { publicReporting } from './public-service.ts';

export function publicReportRoutes(app: FastifyInstance, db: Db, keys: Keyring, pow: ProofOfWork, files: FileStore) {
  const reporting = publicReporting(db, keys, pow, files);

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/reports/challenge',
    access: 'public',
    summary: '举报前的工作量证明题 Proof-of-work challenge before a report',
    tags: ['public reports'],
    response: powChallengeSchema,
    handler: async () => reporting.challenge(),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports',
    access: 'public',
    summary: '提交举报（无需账号；返回一次性显示的回执码）Submit a report; returns the receipt once',
    tags: ['public reports'],
    body: publicReportSchema,
    response: receiptSchema,
    status: 201,
    handler: async ({ body }) => reporting.submit(body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/follow',
    access: 'public',
    summary: '凭回执码查看进展与对话（POST，回执码不进地址栏）Follow a report with its receipt',
    tags: ['public reports'],
    body: followSchema,
    response: reporterViewSchema,
    handler: async ({ body }) => reporting.follow(body.receipt),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/messages',
    access: 'public',
    summary: '举报人补充信息 The reporter adds information',
    tags: ['public reports'],
    body: followMessageSchema,
    response: reporterViewSchema,
    status: 201,
    handler: async ({ body }) => reporting.addMessage(body.receipt, body.text),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/reports/files',
    access: 'public',
    summary: '举报人上传附件（表单字段 receipt、keepLocation 在文件之前）The reporter adds a file',
    tags: ['public reports'],
    response: reporterViewSchema,
    status: 201,
    handler: async ({ req }) => {
      const file = await readAttachment(req);
      return reporting.addFile(file.field('receipt') ?? '', file);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/enterprises',
    access: 'public',
    summary: '按名称查找被举报企业（公开名录：名称与所在地）Find an enterprise by name',
    tags: ['public reports'],
    query: z.object({ q: z.string().trim().min(2).max(50) }),
    response: publicEnterpriseMatchesSchema,
    handler: async ({ query }) => reporting.findEnterprises(query.q),
  });
}
