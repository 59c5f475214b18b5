// The four-colour risk map (四色图): an enterprise's site plan with polygons for its areas; each
// area takes the highest level of the risk points in it and is drawn red/orange/yellow/blue.
// Commands in risk-map-service.ts, SQL in risk-map-store.ts.
import { bi, mayEditRiskMap, riskAreaSchema, riskMapSchema, sitePlanUploadSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { createArea, patchArea, removeArea, uploadSitePlan } from './risk-map-service.ts';
import { areasOf, sitePlanOf, toArea } from './risk-map-store.ts';

const point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);
const polygonSchema = z
  .array(point, bi('多边形应为 [x, y] 坐标点数组', 'A polygon is an array of [x, y] points'))
  .min(3, bi('多边形至少需要 3 个顶点', 'A polygon needs at least 3 points'))
  .max(200);

const areaInput = z.strictObject({ enterpriseId: z.uuid(), name: z.string().trim().min(1).max(100), polygon: polygonSchema });
const areaPatch = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), polygon: polygonSchema.optional() });

export function riskMapRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises/:id/risk-map',
    access: 'user',
    summary: '四色图：厂区平面图与区域 Risk map: site plan and coloured areas',
    tags: ['risks'],
    params: idParams,
    response: riskMapSchema,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, params.id);
        const plan = await sitePlanOf(tx, e.id);
        const areas = await areasOf(tx, e.id);
        return {
          enterpriseId: e.id,
          enterpriseName: e.name,
          sitePlan: plan
            ? {
                url: `/api/v1/enterprises/${e.id}/site-plan?v=${new Date(plan.uploaded_at).getTime()}`,
                width: plan.width,
                height: plan.height,
                contentType: plan.content_type,
              }
            : null,
          areas: areas.map(toArea),
          canEdit: mayEditRiskMap(actor, e.id),
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises/:id/site-plan',
    access: 'user',
    summary: '厂区平面图图片 Site plan image',
    tags: ['risks'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const plan = await readScoped(db, actor.scope, async (tx) => {
        await visibleEnterprise(tx, params.id);
        return sitePlanOf(tx, params.id);
      });
      const data = plan ? await files.get(plan.file_key) : null;
      if (!plan || !data) throw notFound();
      reply.header('Content-Type', plan.content_type).header('Cache-Control', 'private, max-age=3600').send(data);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enterprises/:id/site-plan',
    access: 'user',
    summary: '上传厂区平面图（PNG/JPEG，≤5 MB，multipart 字段 file）Upload the site plan',
    tags: ['risks'],
    params: idParams,
    status: 201,
    response: sitePlanUploadSchema,
    handler: async ({ params, actor, req }) => uploadSitePlan(db, files, actor, params.id, req),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-areas',
    access: 'user',
    summary: '新增四色图区域（多边形，坐标 0–1）Draw an area',
    tags: ['risks'],
    body: areaInput,
    status: 201,
    response: riskAreaSchema,
    handler: async ({ body, actor }) => createArea(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/risk-areas/:id',
    access: 'user',
    summary: '修改区域 Update an area',
    tags: ['risks'],
    params: idParams,
    body: areaPatch,
    response: riskAreaSchema,
    handler: async ({ params, body, actor }) => patchArea(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/risk-areas/:id',
    access: 'user',
    summary: '删除区域 Delete an area',
    tags: ['risks'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      await removeArea(db, actor, params.id);
      reply.code(204).send();
    },
  });
}
