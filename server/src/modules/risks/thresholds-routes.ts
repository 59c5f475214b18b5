// Per-province risk level thresholds (risk settings): read by anyone, set by the admin or that
// province's supervisor (mayAdministerProvince).
import { provinceThresholdsSchema, thresholdsResponseSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { setThresholds } from './service.ts';
import { thresholdsFor } from './store.ts';

export function thresholdRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-thresholds/:province',
    access: 'public',
    summary: '省级风险等级阈值 Level thresholds of a province',
    tags: ['risks'],
    params: z.object({ province: z.string().regex(/^\d{2}$/, '省级代码为两位数字||Province code has 2 digits') }),
    response: thresholdsResponseSchema,
    handler: async ({ params }) => thresholdsFor(db, `${params.province}0000000000`),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/risk-thresholds/:province',
    access: 'user',
    summary: '设置省级风险等级阈值（管理员或本省监管人员）Set a province’s thresholds',
    tags: ['risks'],
    params: z.object({ province: z.string().regex(/^\d{2}$/, '省级代码为两位数字||Province code has 2 digits') }),
    body: provinceThresholdsSchema,
    response: thresholdsResponseSchema,
    handler: async ({ params, body, actor }) => setThresholds(db, actor, params.province, body),
  });
}
