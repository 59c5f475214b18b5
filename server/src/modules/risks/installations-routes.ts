// Major hazard installations (重大危险源): an enterprise unit's inventory of hazardous chemicals,
// identified and graded by GB 18218-2018; the inputs are stored with the result and the
// evaluation is redone whenever the inventory or the people count changes (service.ts).
import { gb18218InputSchema, installationListSchema, installationSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { findInstallation, installationListQuery, listInstallations, toInstallation } from './installations-store.ts';
import { createInstallation, patchInstallation, removeInstallation } from './service.ts';

const createInput = gb18218InputSchema.extend({ enterpriseId: z.uuid(), name: z.string().trim().min(1).max(200) });
const patchInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  substances: gb18218InputSchema.shape.substances.optional(),
  peopleWithin500m: gb18218InputSchema.shape.peopleWithin500m.optional(),
  version: z.number().int().min(1).optional(),
});

export function installationRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/major-hazard-installations',
    access: 'user',
    summary: '重大危险源清单（按等级）Major hazard installations by grade',
    tags: ['risks'],
    query: installationListQuery,
    response: installationListSchema,
    handler: async ({ query, actor }) => {
      const { rows, total, byGrade } = await readScoped(db, actor.scope, (tx) => listInstallations(tx, query));
      return { items: rows.map((r) => toInstallation(r, actor)), total, page: query.page, pageSize: query.pageSize, byGrade };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/major-hazard-installations/:id',
    access: 'user',
    summary: '重大危险源详情 Installation detail',
    tags: ['risks'],
    params: idParams,
    response: installationSchema,
    handler: async ({ params, actor }) => {
      const r = await readScoped(db, actor.scope, (tx) => findInstallation(tx, params.id));
      if (!r) throw notFound();
      return toInstallation(r, actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/major-hazard-installations',
    access: 'user',
    summary: '登记装置并按 GB 18218 辨识分级 Register a unit and evaluate it',
    tags: ['risks'],
    body: createInput,
    status: 201,
    response: installationSchema,
    handler: async ({ body, actor }) => createInstallation(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/major-hazard-installations/:id',
    access: 'user',
    summary: '修改库存/人数并重新辨识分级 Change the inventory and re-evaluate',
    tags: ['risks'],
    params: idParams,
    body: patchInput,
    response: installationSchema,
    handler: async ({ params, body, actor }) => patchInstallation(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/major-hazard-installations/:id',
    access: 'user',
    summary: '删除装置 Delete an installation',
    tags: ['risks'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      await removeInstallation(db, actor, params.id);
      reply.code(204).send();
    },
  });
}
