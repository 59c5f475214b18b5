// Departments with the industries they supervise (三管三必须: 管行业必须管安全…). An inspector of a
// department sees the enterprises of those industries in the department's region. Admins manage.
import { bi, isAdmin, isIndustryCode, regionCodeSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';

const industries = z
  .array(
    z
      .string()
      .regex(/^\d{2}$/, bi('行业应为两位大类代码', 'Industry is a 2-digit division code'))
      .refine(isIndustryCode, bi('行业代码不在 GB/T 4754-2017 中', 'Not a GB/T 4754-2017 division')),
  )
  .max(97)
  .transform((a) => [...new Set(a)].sort());

const input = z.strictObject({
  name: z.string().trim().min(1).max(100),
  regionCode: regionCodeSchema,
  industries: industries.default([]),
});

const department = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industries: z.array(z.string()),
});

type Row = { id: string; name: string; region_code: string; region_name: string | null; industries: string[] };
const toDepartment = (r: Row) => ({
  id: r.id,
  name: r.name,
  regionCode: r.region_code,
  regionName: r.region_name,
  industries: r.industries,
});
const SELECT =
  'SELECT d.id, d.name, d.region_code, r.name AS region_name, d.industries FROM departments d LEFT JOIN regions r ON r.code = d.region_code';

export function departmentRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/departments',
    access: 'user',
    summary: '部门列表 Departments',
    tags: ['admin'],
    response: z.object({ items: z.array(department), total: z.number() }),
    handler: async ({ actor }) => {
      const rows = await withScope(db, actor.scope, (tx) => {
        const p = [`${tx.scope.regionPrefix}%`];
        return tx.query<Row>(`${SELECT} WHERE d.region_code LIKE $1 ORDER BY d.region_code, d.name`, p);
      });
      return { items: rows.map(toDepartment), total: rows.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/departments',
    access: 'user',
    summary: '新增部门 Create a department',
    tags: ['admin'],
    body: input,
    response: department,
    status: 201,
    handler: async ({ body, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        if (!(await tx.query('SELECT 1 FROM regions WHERE code = $1', [body.regionCode])).length) {
          throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
        }
        const [created] = await tx.query<{ id: string }>(
          'INSERT INTO departments (name, region_code, industries) VALUES ($1, $2, $3::text[]) RETURNING id',
          [body.name, body.regionCode, body.industries],
        );
        const [row] = await tx.query<Row>(`${SELECT} WHERE d.id = $1`, [created?.id]);
        if (!row) throw notFound();
        await appendAudit(tx, actor, {
          action: 'department.create',
          entityType: 'department',
          entityId: row.id,
          regionCode: row.region_code,
          after: toDepartment(row),
        });
        return toDepartment(row);
      });
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/departments/:id',
    access: 'user',
    summary: '修改部门 Update a department',
    tags: ['admin'],
    params: idParams,
    body: input.partial(),
    response: department,
    handler: async ({ params, body, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const [before] = await tx.query<Row>(`${SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [params.id]);
        if (!before) throw notFound();
        if (body.regionCode && !(await tx.query('SELECT 1 FROM regions WHERE code = $1', [body.regionCode])).length) {
          throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
        }
        await tx.query(
          `UPDATE departments SET name = coalesce($2, name), region_code = coalesce($3, region_code),
             industries = coalesce($4::text[], industries), updated_at = now() WHERE id = $1`,
          [params.id, body.name ?? null, body.regionCode ?? null, body.industries ?? null],
        );
        const [after] = await tx.query<Row>(`${SELECT} WHERE d.id = $1`, [params.id]);
        if (!after) throw notFound();
        await appendAudit(tx, actor, {
          action: 'department.update',
          entityType: 'department',
          entityId: params.id,
          regionCode: after.region_code,
          before: toDepartment(before),
          after: toDepartment(after),
        });
        return toDepartment(after);
      });
    },
  });
}
