// Enforcement documents: the documents of an inspection or a case, one document, its PDF, and the
// record of its signature and service. Issuing is not a route of its own: each document is issued
// by the command that decides it (an inspection's record, a case's decision…).
import { documentListQuerySchema, enforcementDocumentSchema, serviceInputSchema, signatureInputSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { sendDownload } from '../../http/download.ts';
import { defineRoute } from '../../http/route.ts';
import { documentPdf, getDocument, listEnforcementDocuments, recordService, recordSignature } from './documents.ts';

const idParams = z.object({ id: z.uuid() });

export function documentRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/documents',
    access: 'user',
    summary: '检查或案件的执法文书 The documents of an inspection or a case',
    tags: ['enforcement'],
    query: documentListQuerySchema,
    response: z.object({ items: z.array(enforcementDocumentSchema) }),
    handler: async ({ query, actor }) => ({ items: await listEnforcementDocuments(db, actor, query) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/documents/:id',
    access: 'user',
    summary: '执法文书 An enforcement document',
    tags: ['enforcement'],
    params: idParams,
    response: enforcementDocumentSchema,
    handler: ({ params, actor }) => getDocument(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/documents/:id/pdf',
    access: 'user',
    summary: '执法文书 PDF The document as printed',
    tags: ['enforcement'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const { pdf, doc } = await documentPdf(db, actor, params.id);
      return sendDownload(reply, pdf, 'application/pdf', `enforcement-${doc.id.slice(0, 8)}.pdf`, `${doc.content.title}-${doc.number}.pdf`);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/documents/:id/service',
    access: 'user',
    summary: '记录文书送达 Record how a document was served',
    tags: ['enforcement'],
    params: idParams,
    body: serviceInputSchema,
    response: enforcementDocumentSchema,
    handler: ({ params, body, actor }) => recordService(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/documents/:id/signature',
    access: 'user',
    summary: '记录当事人签收或拒签 Record the party’s signature or refusal',
    tags: ['enforcement'],
    params: idParams,
    body: signatureInputSchema,
    response: enforcementDocumentSchema,
    handler: ({ params, body, actor }) => recordSignature(db, actor, params.id, body),
  });
}
