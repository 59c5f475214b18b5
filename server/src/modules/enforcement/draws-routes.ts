// 双随机 draws: the organ's list, commit, detail, perform and cancel; the public record (一公开) for
// anyone; and the officers' registry the inspector list is drawn from. There is no route that
// changes a committed draw's lists or terms (and migration 032's trigger refuses it anyway).
import {
  drawCancelSchema,
  drawCreateSchema,
  drawDetailSchema,
  drawListQuerySchema,
  drawPageSchema,
  drawPerformSchema,
  publicDrawSchema,
  publicDrawSummarySchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { cancelDraw, commitDraw, getDraw, listDraws, performDraw, publicDraw, publicDraws } from './draws-service.ts';
import { officersRoutes } from './officers-routes.ts';

const page = (item: z.ZodType) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

const publicQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码不正确||Not a region code')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function drawsRoutes(app: FastifyInstance, db: Db) {
  officersRoutes(app, db);

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/draws',
    access: 'user',
    summary: '双随机抽取列表 Random draws',
    tags: ['enforcement'],
    query: drawListQuerySchema,
    response: drawPageSchema,
    handler: ({ query, actor }) => listDraws(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/draws',
    access: 'user',
    summary: '新建抽取：冻结名单并公示承诺 Commit a draw: freeze the lists, publish the commitment',
    tags: ['enforcement'],
    body: drawCreateSchema,
    response: drawDetailSchema,
    status: 201,
    handler: ({ body, actor }) => commitDraw(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/draws/:id',
    access: 'user',
    summary: '抽取详情 A draw with its lists and picks',
    tags: ['enforcement'],
    params: idParams,
    response: drawDetailSchema,
    handler: ({ params, actor }) => getDraw(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/draws/:id/perform',
    access: 'user',
    summary: '执行抽取（到公布时间后，录入公开随机值）Perform the draw with the public value',
    tags: ['enforcement'],
    params: idParams,
    body: drawPerformSchema,
    response: drawDetailSchema,
    handler: ({ params, body, actor }) => performDraw(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/draws/:id/cancel',
    access: 'user',
    summary: '取消抽取（抽取时间前）Cancel a draw before its time',
    tags: ['enforcement'],
    params: idParams,
    body: drawCancelSchema,
    response: drawDetailSchema,
    handler: ({ params, body, actor }) => cancelDraw(db, actor, params.id, body.reason),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/enforcement/draws',
    access: 'public',
    summary: '公开：双随机抽取 Public: random draws with their commitments (一公开)',
    tags: ['public enforcement'],
    query: publicQuery,
    response: page(publicDrawSummarySchema),
    handler: ({ query }) => publicDraws(db, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/enforcement/draws/:id',
    access: 'public',
    summary: '公开：一次抽取的承诺、名单、结果 Public: one draw, verifiable with scripts/verify-draw.mjs',
    tags: ['public enforcement'],
    params: idParams,
    response: publicDrawSchema,
    handler: ({ params }) => publicDraw(db, params.id),
  });
}
