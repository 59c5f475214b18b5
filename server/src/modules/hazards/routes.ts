// Hazards (隐患): direct reports and those from failed checklist items; the five fixes; the
// lifecycle through POST /transitions (refused → 409/403 with the allowed actions); supervised
// listing; photos of evidence and of rectification; the two lists with Excel export; the dossier.
// Routes only parse, call and answer: the commands are in service.ts, the SQL in store.ts and list.ts.
import {
  fiveFixesSchema,
  hazardDetailSchema,
  hazardInputSchema,
  hazardListSchema,
  hazardSchema,
  hazardTransitionSchema,
  listingSchema,
  photoKeySchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { sendDownload, sendXlsx } from '../../http/download.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { storeUploadedPhoto } from '../../storage/uploads.ts';
import { hazardListXlsx } from './export.ts';
import { hazardListQuery, hazardsToExport, listHazards } from './list.ts';
import {
  addHazardPhoto,
  fillFiveFixes,
  hazardDossierPdf,
  hazardPhotoKeys,
  listHazardForSupervision,
  photoKindFor,
  reportHazard,
  takeHazardStep,
} from './service.ts';
import { findHazard, hazardNumberPattern, toHazard, transitionsOf } from './store.ts';

export function hazardRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  // A pattern that cannot number stops the server at start, not at the first report.
  hazardNumberPattern();
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards',
    access: 'user',
    summary:
      '隐患清单（区划、行业、等级、状态、逾期、层级、挂牌筛选；每行为摘要，详情见单条）Hazard list (a summary per row; the detail has the whole record)',
    tags: ['hazards'],
    query: hazardListQuery,
    response: hazardListSchema,
    handler: async ({ query, actor }) => {
      const list = await readScoped(db, actor.scope, (tx) => listHazards(tx, query));
      return { ...list, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/export',
    access: 'user',
    summary: '导出隐患清单与制度措施清单（Excel，两个工作表）Export the two lists',
    tags: ['hazards'],
    query: hazardListQuery.omit({ page: true, pageSize: true }),
    handler: async ({ query, actor, reply }) => {
      const rows = await readScoped(db, actor.scope, (tx) => hazardsToExport(tx, query));
      sendXlsx(reply, await hazardListXlsx(rows), 'hazards.xlsx', '隐患清单');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id',
    access: 'user',
    summary: '隐患详情（含全部流转记录）Hazard with its full history',
    tags: ['hazards'],
    params: idParams,
    response: hazardDetailSchema,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await findHazard(tx, params.id);
        if (!r) throw notFound();
        return { ...toHazard(r, actor), transitions: await transitionsOf(tx, params.id) };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards',
    access: 'user',
    summary: '直接登记隐患 Report a hazard directly',
    tags: ['hazards'],
    body: hazardInputSchema,
    status: 201,
    response: hazardSchema,
    handler: async ({ body, actor }) => withScope(db, actor.scope, (tx) => reportHazard(tx, actor, body)),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/hazards/:id',
    access: 'user',
    summary: '填写五落实（责任、措施、资金、时限、预案）与整改情况 Fill in the five fixes',
    tags: ['hazards'],
    params: idParams,
    body: fiveFixesSchema,
    response: hazardSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => fillFiveFixes(tx, actor, params.id, body)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/transitions',
    access: 'user',
    summary: '隐患流转（交办、开始整改、提交验收、验收销号、退回、撤销）Take a lifecycle step',
    tags: ['hazards'],
    params: idParams,
    body: hazardTransitionSchema,
    response: hazardDetailSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => takeHazardStep(tx, actor, params.id, body)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/listing',
    access: 'user',
    summary: '挂牌督办（县级或市级，重大隐患）List a major hazard for supervision',
    tags: ['hazards'],
    params: idParams,
    body: listingSchema,
    response: hazardSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => listHazardForSupervision(tx, actor, params.id, body)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/photos',
    access: 'user',
    summary: '上传隐患或整改照片（PNG/JPEG ≤ 5 MB）Add a photo (evidence, or proof of rectification)',
    tags: ['hazards'],
    params: idParams,
    status: 201,
    response: photoKeySchema,
    handler: async ({ params, actor, req }) => {
      // Refused before the upload is read; asked again under the row lock once it is stored.
      await readScoped(db, actor.scope, (tx) => photoKindFor(tx, actor, params.id));
      return storeUploadedPhoto(req, files, (key) => withScope(db, actor.scope, (tx) => addHazardPhoto(tx, actor, params.id, key)));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id/photos/:key',
    access: 'user',
    summary: '隐患照片 A hazard photo',
    tags: ['hazards'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const keys = await readScoped(db, actor.scope, (tx) => hazardPhotoKeys(tx, params.id));
      const key = `photos/${params.key}`;
      // Only photos that belong to this hazard (or its inspection) are served through it.
      if (!keys?.includes(key)) throw notFound();
      const data = await files.get(key);
      if (!data) throw notFound();
      reply
        .header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg')
        .header('Cache-Control', 'private, max-age=3600')
        .send(data);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id/dossier.pdf',
    access: 'user',
    summary:
      '隐患档案（一患一档，PDF）The hazard dossier: the hazard, its inspection, five fixes, listing, transitions, acceptance, photos',
    tags: ['hazards'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const dossier = await hazardDossierPdf(db, files, actor, params.id, (err) =>
        reply.log.error({ err, hazard: params.id }, 'hazard dossier failed while it was being sent'),
      );
      if (!dossier) throw notFound();
      const { pdf, number, hazard: h } = dossier;
      return sendDownload(
        reply,
        pdf,
        'application/pdf',
        `hazard-${h.id.slice(0, 8)}.pdf`,
        `隐患档案-${number}-${h.number ? `${h.number}-` : ''}${h.description.slice(0, 40)}.pdf`,
      );
    },
  });
}
