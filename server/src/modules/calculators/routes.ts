// Public calculators: the domain's rules over HTTP, no account needed. LEC and LS read the
// province's level thresholds (risk settings, kept by the risks module) when ?province= is given.
import {
  ACCIDENT_GRADES,
  accidentGradeAnswer,
  accidentGradeInputSchema,
  CHAIN_LEVELS,
  checkCreditCode,
  GRADING_DIMENSIONS,
  gb18218,
  gb18218InputSchema,
  lec,
  lecInputSchema,
  ls,
  lsInputSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { thresholdsFor } from '../risks/store.ts';

const provinceQuery = z.object({
  province: z
    .string()
    .regex(/^\d{2}$/, '省级代码为两位数字||Province code has 2 digits')
    .optional(),
});
const levelSchema = z.enum(['major', 'high', 'moderate', 'low']);
const labelled = z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable();

export function calculatorRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calculators/accident-grade',
    access: 'public',
    summary: '生产安全事故等级（国务院令第493号第三条）Accident grade, report level, investigator, Art. 114 fine',
    tags: ['calculators'],
    body: accidentGradeInputSchema,
    response: z.object({
      grade: z.enum(ACCIDENT_GRADES),
      gradeBy: z.array(z.enum(GRADING_DIMENSIONS)),
      reportUpTo: z.enum(CHAIN_LEVELS),
      investigatedBy: z.enum(CHAIN_LEVELS),
      fineRangeWanYuan: z.tuple([z.number(), z.number()]),
    }),
    handler: async ({ body }) => accidentGradeAnswer(body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calculators/credit-code',
    access: 'public',
    summary: '统一社会信用代码校验（GB 32100-2015）Check a credit code',
    tags: ['calculators'],
    body: z.strictObject({ code: z.string().max(64) }),
    response: z.object({
      code: z.string(),
      valid: z.boolean(),
      checkCharacterOk: z.boolean(),
      expectedCheckCharacter: z.string().nullable(),
      registrationAuthority: labelled,
      entityType: labelled,
      regionCode: z.string().nullable(),
      errors: z.array(z.object({ code: z.string(), position: z.number().optional(), zh: z.string(), en: z.string() })),
    }),
    handler: async ({ body }) => checkCreditCode(body.code),
  });

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
}
