// Pure calculators: the domain's rules over HTTP, no state, no account needed.
import { checkCreditCode } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';

const labelled = z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable();

export function calculatorRoutes(app: FastifyInstance) {
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
}
