// The officers' registry (执法人员名录库): list, register with the certificate, change or
// deactivate, record a conflict of interest. No SQL here (officers-service.ts, officers-store.ts).
import { conflictInputSchema, officerInputSchema, officerListSchema, officerPatchSchema, officerSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { addOfficer, listOfficerCandidates, listOfficers, patchOfficer, recordConflict } from './officers-service.ts';

const userParams = z.object({ userId: z.uuid({ message: '编号格式不正确||Invalid id' }) });

export function officersRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/officers',
    access: 'user',
    summary: '执法人员名录 The certified enforcement officers',
    tags: ['enforcement'],
    response: officerListSchema,
    handler: ({ actor }) => listOfficers(db, actor),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enforcement/officers/candidates',
    access: 'user',
    summary: '可登记为执法人员的用户 Users who may be registered as officers',
    tags: ['enforcement'],
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string(), role: z.string() })) }),
    handler: async ({ actor }) => ({ items: await listOfficerCandidates(db, actor) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/officers',
    access: 'user',
    summary: '登记执法人员 Register an officer with the certificate',
    tags: ['enforcement'],
    body: officerInputSchema,
    response: officerSchema,
    status: 201,
    handler: ({ body, actor }) => addOfficer(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/enforcement/officers/:userId',
    access: 'user',
    summary: '修改或停用执法人员 Change, deactivate or reactivate an officer',
    tags: ['enforcement'],
    params: userParams,
    body: officerPatchSchema,
    response: officerSchema,
    handler: ({ params, body, actor }) => patchOfficer(db, actor, params.userId, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/enforcement/officers/:userId/conflicts',
    access: 'user',
    summary: '登记回避事项 Record a conflict of interest with an enterprise',
    tags: ['enforcement'],
    params: userParams,
    body: conflictInputSchema,
    response: officerSchema,
    status: 201,
    handler: ({ params, body, actor }) => recordConflict(db, actor, params.userId, body),
  });
}
