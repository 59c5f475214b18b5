// Major hazard installations (重大危险源): an enterprise unit's inventory of hazardous chemicals,
// identified and graded by GB 18218-2018; the inputs are stored with the result and the
// evaluation is redone whenever the inventory or the people count changes.
import { type Actor, canEditEnterpriseRisk, gb18218, gb18218InputSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';

type Row = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  name: string;
  inventory: z.infer<typeof gb18218InputSchema>['substances'];
  people_within_500m: number;
  s: number;
  r: number;
  alpha: number;
  is_major_hazard: boolean;
  grade: number | null;
  result: ReturnType<typeof gb18218>;
  evaluated_at: Date | string;
  version: number;
};

const SELECT = `SELECT m.*, e.name AS enterprise_name, e.region_code FROM major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id`;

const toInstallation = (r: Row, actor: Actor) => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  name: r.name,
  inventory: r.inventory,
  peopleWithin500m: r.people_within_500m,
  S: r.s,
  R: r.r,
  alpha: r.alpha,
  isMajorHazard: r.is_major_hazard,
  grade: r.grade,
  perSubstance: r.result.perSubstance,
  evaluatedAt: new Date(r.evaluated_at).toISOString(),
  version: r.version,
  allowedActions: canEditEnterpriseRisk(actor, r.enterprise_id) ? ['update', 'delete'] : [],
});

async function find(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  return (
    await tx.query<Row>(`${SELECT} WHERE m.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF m' : ''}`, params)
  )[0];
}

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
    query: z.object({
      enterpriseId: z.uuid().optional(),
      grade: z.coerce.number().int().min(1).max(4).optional(),
      majorOnly: z.enum(['true', 'false']).optional(),
      ...pageFields(),
    }),
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = new Where();
        w.add(enterpriseScope(tx, w.params)).eq('m.enterprise_id', query.enterpriseId).eq('m.grade', query.grade);
        if (query.majorOnly === 'true') w.add('m.is_major_hazard');
        const FROM = 'major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id';
        const page = w.page(query.page, query.pageSize);
        const rows = await tx.query<Row>(`${SELECT} WHERE ${w.sql} ORDER BY m.grade NULLS LAST, m.r DESC, m.id ${page.limit}`, page.params);
        const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${w.sql}`, w.params);
        const byGrade = await tx.query<{ grade: number | null; n: number }>(
          `SELECT m.grade, count(*)::int AS n FROM ${FROM} WHERE ${w.sql} GROUP BY m.grade ORDER BY m.grade`,
          w.params,
        );
        return { items: rows.map((r) => toInstallation(r, actor)), total: c?.n ?? 0, page: query.page, pageSize: query.pageSize, byGrade };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/major-hazard-installations/:id',
    access: 'user',
    summary: '重大危险源详情 Installation detail',
    tags: ['risks'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id);
        if (!r) throw notFound();
        return toInstallation(r, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/major-hazard-installations',
    access: 'user',
    summary: '登记装置并按 GB 18218 辨识分级 Register a unit and evaluate it',
    tags: ['risks'],
    body: createInput,
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
        const result = gb18218(body);
        const [created] = await tx.query<{ id: string }>(
          `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, grade, result)
           VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
          [
            e.id,
            body.name,
            JSON.stringify(body.substances),
            body.peopleWithin500m,
            result.S,
            result.R,
            result.alpha,
            result.isMajorHazard,
            result.grade,
            JSON.stringify(result),
          ],
        );
        const row = (await find(tx, created?.id as string)) as Row;
        await appendAudit(tx, actor, {
          action: 'installation.create',
          entityType: 'installation',
          entityId: row.id,
          regionCode: e.region_code,
          after: toInstallation(row, actor),
        });
        return toInstallation(row, actor);
      }),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/major-hazard-installations/:id',
    access: 'user',
    summary: '修改库存/人数并重新辨识分级 Change the inventory and re-evaluate',
    tags: ['risks'],
    params: idParams,
    body: patchInput,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await find(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        if (body.version !== undefined && body.version !== before.version) throw conflict();
        const substances = body.substances ?? before.inventory;
        const people = body.peopleWithin500m ?? before.people_within_500m;
        const result = gb18218({ substances, peopleWithin500m: people });
        await tx.query(
          `UPDATE major_hazard_installations SET name = $2, inventory = $3::jsonb, people_within_500m = $4, s = $5, r = $6, alpha = $7,
             is_major_hazard = $8, grade = $9, result = $10::jsonb, evaluated_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          [
            params.id,
            body.name ?? before.name,
            JSON.stringify(substances),
            people,
            result.S,
            result.R,
            result.alpha,
            result.isMajorHazard,
            result.grade,
            JSON.stringify(result),
          ],
        );
        const after = (await find(tx, params.id)) as Row;
        await appendAudit(tx, actor, {
          action: 'installation.update',
          entityType: 'installation',
          entityId: params.id,
          regionCode: after.region_code,
          before: toInstallation(before, actor),
          after: toInstallation(after, actor),
        });
        return toInstallation(after, actor);
      }),
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
      await withScope(db, actor.scope, async (tx) => {
        const before = await find(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        await tx.query('DELETE FROM major_hazard_installations WHERE id = $1', [params.id]);
        await appendAudit(tx, actor, {
          action: 'installation.delete',
          entityType: 'installation',
          entityId: params.id,
          regionCode: before.region_code,
          before: toInstallation(before, actor),
        });
      });
      reply.code(204).send();
    },
  });
}
