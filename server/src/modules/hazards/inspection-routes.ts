// Inspections at four tiers (企业自查 / 镇办巡查 / 县级排查 / 市级核查): planned for enterprises,
// executed item by item (pass / fail / not applicable, notes, photos), and submitted — after which
// the record is immutable and every failed item has become a hazard. Unannounced inspections
// (四不两直) are marked as such. Routes only parse, call and answer (inspection-service.ts,
// inspection-store.ts).
import {
  inspectionDetailSchema,
  inspectionListSchema,
  inspectionPhotoSchema,
  inspectionPlanSchema,
  inspectionResultsSchema,
  inspectionSchema,
  inspectionSubmittedSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { storeUploadedPhoto } from '../../storage/uploads.ts';
import { findChecklist, toChecklist } from './checklists.ts';
import {
  addInspectionPhoto,
  planInspections,
  refuseInspectionPhoto,
  saveInspectionResults,
  submitInspection,
} from './inspection-service.ts';
import {
  countInspections,
  findInspection,
  hazardsOfInspection,
  inspectionListQuery,
  inspectionWhere,
  listInspections,
  toInspection,
} from './inspection-store.ts';

export function inspectionRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections',
    access: 'user',
    summary: '检查记录与计划 Inspections (planned and submitted)',
    tags: ['inspections'],
    query: inspectionListQuery,
    response: inspectionListSchema,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = inspectionWhere(tx, actor, query);
        const rows = await listInspections(tx, w, query.page, query.pageSize);
        return {
          items: rows.map((r) => toInspection(r, actor)),
          total: await countInspections(tx, w),
          page: query.page,
          pageSize: query.pageSize,
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections/:id',
    access: 'user',
    summary: '检查详情（含检查表）Inspection with its checklist',
    tags: ['inspections'],
    params: idParams,
    response: inspectionDetailSchema,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await findInspection(tx, params.id);
        if (!r) throw notFound();
        const checklist = await findChecklist(tx, r.checklist_id);
        return {
          ...toInspection(r, actor),
          checklist: checklist ? toChecklist(checklist) : null,
          hazards: await hazardsOfInspection(tx, params.id),
        };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections',
    access: 'user',
    summary: '制定检查计划（企业、层级、检查表、日期、检查人；可标记四不两直）Plan inspections',
    tags: ['inspections'],
    body: inspectionPlanSchema,
    status: 201,
    response: z.object({ items: z.array(inspectionSchema) }),
    handler: async ({ body, actor }) => ({ items: await withScope(db, actor.scope, (tx) => planInspections(tx, actor, body)) }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/inspections/:id/results',
    access: 'user',
    summary: '保存检查结果（提交前可反复保存）Save results while inspecting',
    tags: ['inspections'],
    params: idParams,
    body: inspectionResultsSchema,
    response: inspectionSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => saveInspectionResults(tx, actor, params.id, body)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections/:id/photos',
    access: 'user',
    summary: '上传检查照片（返回 key，写入某检查项的 photos）Upload an inspection photo',
    tags: ['inspections'],
    params: idParams,
    status: 201,
    response: inspectionPhotoSchema,
    handler: async ({ params, actor, req }) => {
      await readScoped(db, actor.scope, (tx) => refuseInspectionPhoto(tx, actor, params.id));
      return storeUploadedPhoto(req, files, async (key, image) => {
        await withScope(db, actor.scope, (tx) => addInspectionPhoto(tx, params.id, key));
        return { key, width: image.width, height: image.height };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections/:id/photos/:key',
    access: 'user',
    summary: '检查照片 An inspection photo',
    tags: ['inspections'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const r = await readScoped(db, actor.scope, (tx) => findInspection(tx, params.id));
      const key = `photos/${params.key}`;
      if (!r?.results.some((x) => x.photos.includes(key))) throw notFound();
      const data = await files.get(key);
      if (!data) throw notFound();
      reply.header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg').send(data);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections/:id/submit',
    access: 'user',
    summary: '提交检查（此后不可修改；不合格项生成隐患）Submit: immutable afterwards; failed items become hazards',
    tags: ['inspections'],
    params: idParams,
    body: z.strictObject({ version: z.number().int().min(1).optional() }).optional(),
    response: inspectionSubmittedSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => submitInspection(tx, actor, params.id, body?.version)),
  });
}
