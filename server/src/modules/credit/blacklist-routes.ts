// The serious-discredit list's HTTP API: the list with its filters, an entry with its documents and
// allowed actions, proposals (from the events, by hand), the listing's steps, the documents' PDFs,
// and the public list (no login; under /api/public/, so rate-limited like the other public calls).
// No SQL here: blacklist-service.ts and blacklist-documents.ts. Owner: blacklist.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { blacklistDocumentPdf } from './blacklist-documents.ts';
import {
  blacklistListQuerySchema,
  blacklistStepParams,
  getBlacklistEntry,
  listBlacklist,
  proposeByHand,
  publicBlacklist,
  publicBlacklistQuerySchema,
  scanBlacklist,
  takeBlacklistStep,
} from './blacklist-service.ts';

const BASE = '/api/v1/blacklist';

export function blacklistRoutes(app: FastifyInstance, { db }: CapabilityDeps): void {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '严重失信主体名单 The entries of the jurisdiction (an enterprise: its own), with filters',
    tags: ['blacklist'],
    query: blacklistListQuerySchema,
    handler: ({ query, actor }) => listBlacklist(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/scan`,
    access: 'user',
    summary: '从事故和处罚案件生成候选 Propose the candidates the events make (idempotent)',
    tags: ['blacklist'],
    handler: ({ actor }) => scanBlacklist(db, actor),
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '提出列入建议 A supervisor proposes a subject, resting on a penalty decision',
    tags: ['blacklist'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => proposeByHand(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '名单记录详情 An entry with its documents, timeline and allowed actions',
    tags: ['blacklist'],
    params: idParams,
    handler: ({ params, actor }) => getBlacklistEntry(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/steps/:action`,
    access: 'user',
    summary: '名单办理步骤 A step of the listing (403/409 carry allowedActions)',
    tags: ['blacklist'],
    params: blacklistStepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeBlacklistStep(db, actor, params.id, params.action, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/documents/:id/pdf`,
    access: 'user',
    summary: '告知书/决定书/移出决定书 PDF The document as printed',
    tags: ['blacklist'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, number, title } = await blacklistDocumentPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `blacklist-${params.id.slice(0, 8)}.pdf`, `${title}-${number}.pdf`);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/blacklist',
    access: 'public',
    summary: '严重失信主体名单（公示）The current list: name, USCC, reason, decision number, dates; ID numbers masked',
    tags: ['blacklist', 'public'],
    query: publicBlacklistQuerySchema,
    handler: ({ query }) => publicBlacklist(db, query),
  });
}
