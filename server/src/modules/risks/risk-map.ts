// The four-colour risk map (四色图): an enterprise's site plan with polygons for its areas; each
// area takes the highest level of the risk points in it and is drawn red/orange/yellow/blue.
import { bi, canEditEnterpriseRisk, highestLevel, RISK_LEVEL_INFO, type RiskLevel } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { readImageUpload } from '../../storage/uploads.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';

export const SITE_PLAN_MAX_BYTES = 5 * 1024 * 1024;

const point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);
const polygonSchema = z
  .array(point, bi('多边形应为 [x, y] 坐标点数组', 'A polygon is an array of [x, y] points'))
  .min(3, bi('多边形至少需要 3 个顶点', 'A polygon needs at least 3 points'))
  .max(200);

const areaInput = z.strictObject({ enterpriseId: z.uuid(), name: z.string().trim().min(1).max(100), polygon: polygonSchema });
const areaPatch = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), polygon: polygonSchema.optional() });

type AreaRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  name: string;
  polygon: [number, number][];
  levels: RiskLevel[] | null;
  points: number;
};

const AREA_SELECT = `SELECT a.id, a.enterprise_id, e.region_code, a.name, a.polygon,
    array_remove(array_agg(rp.level), NULL) AS levels, count(rp.id)::int AS points
  FROM risk_areas a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN risk_points rp ON rp.area_id = a.id`;

const toArea = (a: AreaRow) => {
  const level = highestLevel(a.levels ?? []);
  return {
    id: a.id,
    enterpriseId: a.enterprise_id,
    name: a.name,
    polygon: a.polygon,
    level,
    colour: level ? RISK_LEVEL_INFO[level].hex : null,
    riskPointCount: a.points,
  };
};

async function findArea(tx: Scoped, id: string) {
  const params: unknown[] = [id];
  return (
    await tx.query<AreaRow>(`${AREA_SELECT} WHERE a.id = $1 AND ${enterpriseScope(tx, params)} GROUP BY a.id, e.region_code`, params)
  )[0];
}

export function riskMapRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/enterprises/:id/risk-map',
    access: 'user',
    summary: '四色图：厂区平面图与区域 Risk map: site plan and coloured areas',
    tags: ['risks'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, params.id);
        const [plan] = await tx.query<{ width: number; height: number; content_type: string; uploaded_at: Date | string }>(
          'SELECT width, height, content_type, uploaded_at FROM site_plans WHERE enterprise_id = $1',
          [e.id],
        );
        const areas = await tx.query<AreaRow>(`${AREA_SELECT} WHERE a.enterprise_id = $1 GROUP BY a.id, e.region_code ORDER BY a.name`, [
          e.id,
        ]);
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
          canEdit: canEditEnterpriseRisk(actor, e.id),
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
        return (
          await tx.query<{ file_key: string; content_type: string }>(
            'SELECT file_key, content_type FROM site_plans WHERE enterprise_id = $1',
            [params.id],
          )
        )[0];
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
    handler: async ({ params, actor, req }) => {
      // Check visibility and permission before reading the upload.
      await readScoped(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, params.id);
        if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
      });
      const { data, ...image } = await readImageUpload(req, SITE_PLAN_MAX_BYTES);
      const key = await files.put('site-plans', data);
      try {
        return await withScope(db, actor.scope, async (tx) => {
          const e = await visibleEnterprise(tx, params.id);
          const [old] = await tx.query<{ file_key: string }>('SELECT file_key FROM site_plans WHERE enterprise_id = $1 FOR UPDATE', [e.id]);
          await tx.query(
            `INSERT INTO site_plans (enterprise_id, file_key, content_type, width, height, bytes) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (enterprise_id) DO UPDATE SET file_key = excluded.file_key, content_type = excluded.content_type,
               width = excluded.width, height = excluded.height, bytes = excluded.bytes, uploaded_at = now()`,
            [e.id, key, image.type, image.width, image.height, data.length],
          );
          await appendAudit(tx, actor, {
            action: 'sitePlan.upload',
            entityType: 'enterprise',
            entityId: e.id,
            regionCode: e.region_code,
            after: { ...image, bytes: data.length },
          });
          if (old) await files.delete(old.file_key);
          return { width: image.width, height: image.height, contentType: image.type, bytes: data.length };
        });
      } catch (err) {
        await files.delete(key); // nothing half-saved: the file goes if the row does not land
        throw err;
      }
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/risk-areas',
    access: 'user',
    summary: '新增四色图区域（多边形，坐标 0–1）Draw an area',
    tags: ['risks'],
    body: areaInput,
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
        const [created] = await tx.query<{ id: string }>(
          'INSERT INTO risk_areas (enterprise_id, name, polygon) VALUES ($1, $2, $3::jsonb) RETURNING id',
          [e.id, body.name, JSON.stringify(body.polygon)],
        );
        const area = toArea((await findArea(tx, created?.id as string)) as AreaRow);
        await appendAudit(tx, actor, {
          action: 'riskArea.create',
          entityType: 'riskArea',
          entityId: area.id,
          regionCode: e.region_code,
          after: area,
        });
        return area;
      }),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/risk-areas/:id',
    access: 'user',
    summary: '修改区域 Update an area',
    tags: ['risks'],
    params: idParams,
    body: areaPatch,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findArea(tx, params.id);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        await tx.query(
          'UPDATE risk_areas SET name = coalesce($2, name), polygon = coalesce($3::jsonb, polygon), updated_at = now() WHERE id = $1',
          [params.id, body.name ?? null, body.polygon ? JSON.stringify(body.polygon) : null],
        );
        const after = toArea((await findArea(tx, params.id)) as AreaRow);
        await appendAudit(tx, actor, {
          action: 'riskArea.update',
          entityType: 'riskArea',
          entityId: params.id,
          regionCode: before.region_code,
          before: toArea(before),
          after,
        });
        return after;
      }),
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
      await withScope(db, actor.scope, async (tx) => {
        const before = await findArea(tx, params.id);
        if (!before) throw notFound();
        if (!canEditEnterpriseRisk(actor, before.enterprise_id)) throw forbidden();
        await tx.query('DELETE FROM risk_areas WHERE id = $1', [params.id]);
        await appendAudit(tx, actor, {
          action: 'riskArea.delete',
          entityType: 'riskArea',
          entityId: params.id,
          regionCode: before.region_code,
          before: toArea(before),
        });
      });
      reply.code(204).send();
    },
  });
}
