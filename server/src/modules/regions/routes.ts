// Places: the national divisions down to township, and the boundaries of a region's children
// for the map. The divisions are public: region names are public knowledge and the public report
// page needs them. Boundaries need a login (the dashboards draw them); loading them is the admin's
// or the province supervisor's (mayUploadBoundaries). No SQL here: store.ts.
import { bi, boundariesResponseSchema, boundaryUploadSchema, mayUploadBoundaries } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { uploadBoundaries } from './service.ts';
import { bundledBoundaries, childRegions, regionByCode, regionPath, toRegion, uploadedBoundaries } from './store.ts';

const regionSchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.string(),
  prefix: z.string(),
  hasChildren: z.boolean(),
});
const code12 = z
  .string()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('区划代码应为 6、9 或 12 位数字', 'Region code has 6, 9 or 12 digits'))
  .transform((c) => c.padEnd(12, '0'));

export function regionRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions',
    access: 'public',
    summary: '下级行政区划 Children of a region (provinces when no parent)',
    tags: ['regions'],
    query: z.object({ parent: code12.optional() }),
    response: z.object({ items: z.array(regionSchema), total: z.number() }),
    handler: async ({ query }) => {
      const rows = await childRegions(db, query.parent);
      return { items: rows.map(toRegion), total: rows.length };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions/:code',
    access: 'public',
    summary: '行政区划及其上级 A region with its ancestors',
    tags: ['regions'],
    params: z.object({ code: code12 }),
    response: regionSchema.extend({ path: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }),
    handler: async ({ params }) => {
      const row = await regionByCode(db, params.code);
      if (!row) throw notFound();
      return { ...toRegion(row), path: await regionPath(db, params.code) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions/:code/boundaries',
    access: 'user',
    summary: '下级区划边界（GeoJSON）Boundaries of the child regions, for the map',
    tags: ['regions'],
    params: z.object({ code: code12 }),
    response: boundariesResponseSchema,
    handler: async ({ params, reply }) => {
      const found = (await uploadedBoundaries(db, params.code)) ?? bundledBoundaries(params.code);
      if (!found)
        throw new AppError('not_found', {
          zh: '该区划尚无边界数据，请管理员上传下级区划边界（GeoJSON）',
          en: 'No boundaries for this region yet: an administrator can upload its child regions as GeoJSON',
        });
      // Boundaries change rarely; a browser may keep them for a minute without asking again.
      reply.header('cache-control', 'private, max-age=60');
      return found;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/regions/:code/boundaries',
    access: 'user',
    summary: '上传下级区划边界（管理员或本省监管人员）Load the boundaries of the child regions',
    tags: ['regions'],
    params: z.object({ code: code12 }),
    body: boundaryUploadSchema,
    response: boundariesResponseSchema,
    handler: async ({ params, body, actor }) => {
      if (!mayUploadBoundaries(actor, params.code)) throw forbidden();
      if (!(await regionByCode(db, params.code))) throw notFound();
      return uploadBoundaries(db, actor, params.code, body);
    },
  });
}
