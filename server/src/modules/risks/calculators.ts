// Risk calculators over HTTP (LEC, LS, GB 18218) and the per-province level thresholds.
import {
  gb18218,
  gb18218InputSchema,
  hasRole,
  isAdmin,
  lec,
  lecInputSchema,
  ls,
  lsInputSchema,
  provinceThresholdsSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { thresholdsFor } from './store.ts';

const provinceQuery = z.object({
  province: z
    .string()
    .regex(/^\d{2}$/, '省级代码为两位数字||Province code has 2 digits')
    .optional(),
});
const levelSchema = z.enum(['major', 'high', 'moderate', 'low']);

export function riskCalculatorRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calculators/lec',
    access: 'public',
    summary: 'LEC 作业条件危险性评价 D = L×E×C',
    tags: ['calculators'],
    query: provinceQuery,
    body: lecInputSchema,
    response: z.object({
      D: z.number(),
      band: z.string(),
      bandZh: z.string(),
      level: levelSchema,
      thresholds: z.object({ major: z.number(), high: z.number(), moderate: z.number() }),
    }),
    handler: async ({ body, query }) => {
      const t = (await thresholdsFor(db, `${query.province ?? '00'}0000000000`)).lec;
      return { ...lec(body, t), thresholds: t };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calculators/ls',
    access: 'public',
    summary: '风险矩阵 R = L×S',
    tags: ['calculators'],
    query: provinceQuery,
    body: lsInputSchema,
    response: z.object({
      R: z.number(),
      level: levelSchema,
      thresholds: z.object({ major: z.number(), high: z.number(), moderate: z.number() }),
    }),
    handler: async ({ body, query }) => {
      const t = (await thresholdsFor(db, `${query.province ?? '00'}0000000000`)).ls;
      return { ...ls(body, t), thresholds: t };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calculators/gb18218',
    access: 'public',
    summary: '危险化学品重大危险源辨识与分级（GB 18218-2018）',
    tags: ['calculators'],
    body: gb18218InputSchema,
    response: z.object({
      S: z.number(),
      isMajorHazard: z.boolean(),
      R: z.number(),
      alpha: z.number(),
      grade: z.number().nullable(),
      perSubstance: z.array(
        z.object({ matched: z.string(), source: z.string(), q: z.number(), Q: z.number(), beta: z.number(), ratio: z.number() }),
      ),
    }),
    handler: async ({ body }) => gb18218(body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/risk-thresholds/:province',
    access: 'public',
    summary: '省级风险等级阈值 Level thresholds of a province',
    tags: ['risks'],
    params: z.object({ province: z.string().regex(/^\d{2}$/, '省级代码为两位数字||Province code has 2 digits') }),
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
    handler: async ({ params, body, actor }) => {
      const own = hasRole(actor, 'provinceSupervisor') && actor.scope.regionPrefix === params.province;
      if (!isAdmin(actor) && !own) throw forbidden();
      return db.transaction(async (tx) => {
        const before = await thresholdsFor(tx, `${params.province}0000000000`);
        await tx.query(
          `INSERT INTO risk_thresholds (province_code, lec, ls) VALUES ($1, $2::jsonb, $3::jsonb)
           ON CONFLICT (province_code) DO UPDATE SET lec = excluded.lec, ls = excluded.ls, updated_at = now()`,
          [params.province, JSON.stringify(body.lec), JSON.stringify(body.ls)],
        );
        await appendAudit(tx, actor, {
          action: 'riskThresholds.set',
          entityType: 'riskThresholds',
          entityId: params.province,
          regionCode: `${params.province}0000000000`,
          before: { lec: before.lec, ls: before.ls },
          after: body,
        });
        return { province: params.province, custom: true, ...body };
      });
    },
  });
}
