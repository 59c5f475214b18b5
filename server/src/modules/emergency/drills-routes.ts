// The HTTP routes of 应急演练 (issue 27): the drills of the scope (a month for the calendar), one
// drill with its evaluation, problems, timeline and allowed actions, recording a drill, its steps
// (held, cancelled, evaluated, reported, spot-checked, corrected, a problem → hazard or plan revision),
// photos through the file store, and the frequency check ("missing drills" by unit or by obligation).
// No SQL here: drills-service.ts. Owner: drills (演练计划、实施、评估、频次检查).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { withScope } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { storeUploadedPhoto } from '../../storage/uploads.ts';
import type { CapabilityDeps } from '../deps.ts';
import {
  addDrillPhoto,
  createDrill,
  drillListQuerySchema,
  drillMissingQuerySchema,
  drillPhotoKeys,
  drillPlanOptions,
  drillPlanOptionsQuerySchema,
  drillStepParams,
  getDrill,
  listDrills,
  listMissingDrills,
  mayAddDrillPhoto,
  takeDrillStep,
} from './drills-service.ts';

const BASE = '/api/v1/drills';

export function drillsRoutes(app: FastifyInstance, { db, files }: CapabilityDeps) {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '应急演练 The drills of the jurisdiction (an enterprise: its own), by month, status, unit',
    tags: ['drills'],
    query: drillListQuerySchema,
    handler: ({ query, actor }) => listDrills(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/missing`,
    access: 'user',
    summary: '演练频次检查 Units whose required drills are missing (per unit or per obligation)',
    tags: ['drills'],
    query: drillMissingQuerySchema,
    handler: ({ query, actor }) => listMissingDrills(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/plan-options`,
    access: 'user',
    summary: '可演练的预案 The plans in force a drill may exercise (the unit’s own)',
    tags: ['drills'],
    query: drillPlanOptionsQuerySchema,
    handler: ({ query, actor }) => drillPlanOptions(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '登记演练计划 Record a planned drill (an enterprise its own; a government its region’s)',
    tags: ['drills'],
    body: z.unknown(),
    status: 201,
    handler: ({ body, actor }) => createDrill(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '演练详情 A drill with its evaluation, problems, timeline and allowed actions',
    tags: ['drills'],
    params: idParams,
    handler: ({ params, actor }) => getDrill(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/steps/:action`,
    access: 'user',
    summary: '演练办理步骤 A step of the drill (403/409 carry allowedActions)',
    tags: ['drills'],
    params: drillStepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeDrillStep(db, actor, params.id, params.action, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/photos`,
    access: 'user',
    summary: '上传演练照片（PNG/JPEG ≤ 5 MB）Add a photo of the drill',
    tags: ['drills'],
    params: idParams,
    status: 201,
    handler: async ({ params, actor, req }) => {
      await mayAddDrillPhoto(db, actor, params.id);
      return storeUploadedPhoto(req, files, (key) => withScope(db, actor.scope, (tx) => addDrillPhoto(tx, actor, params.id, key)));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/photos/:key`,
    access: 'user',
    summary: '演练照片 A photo of the drill',
    tags: ['drills'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const keys = await drillPhotoKeys(db, actor, params.id);
      const key = `photos/${params.key}`;
      if (!keys.includes(key)) throw notFound();
      const data = await files.get(key);
      if (!data) throw notFound();
      reply
        .header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg')
        .header('Cache-Control', 'private, max-age=3600')
        .send(data);
    },
  });
}
