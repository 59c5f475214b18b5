// Places: the national divisions down to township. Public: region names are public knowledge and
// the public report page needs them.
import { bi } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';

const regionSchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.string(),
  prefix: z.string(),
  hasChildren: z.boolean(),
});
const code12 = z
  .string()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('区划代码应为 6、9 或 12 位数字', 'Region code has 6, 9 or 12 digits'))
  .transform((c) => c.padEnd(12, '0'));

type Row = { code: string; parent_code: string | null; name: string; level: string; prefix: string; has_children: boolean };
const toRegion = (r: Row) => ({
  code: r.code,
  parentCode: r.parent_code,
  name: r.name,
  level: r.level,
  prefix: r.prefix,
  hasChildren: r.has_children,
});
const SELECT = `SELECT r.code, r.parent_code, r.name, r.level, r.prefix,
  EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) AS has_children FROM regions r`;

export function regionRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions',
    access: 'public',
    summary: '下级行政区划 Children of a region (provinces when no parent)',
    tags: ['regions'],
    query: z.object({ parent: code12.optional() }),
    response: z.object({ items: z.array(regionSchema), total: z.number() }),
    handler: async ({ query }) => {
      const rows = query.parent
        ? await db.query<Row>(`${SELECT} WHERE r.parent_code = $1 ORDER BY r.code`, [query.parent])
        : await db.query<Row>(`${SELECT} WHERE r.parent_code IS NULL ORDER BY r.code`);
      return { items: rows.map(toRegion), total: rows.length };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions/:code',
    access: 'public',
    summary: '行政区划及其上级 A region with its ancestors',
    tags: ['regions'],
    params: z.object({ code: code12 }),
    response: regionSchema.extend({ path: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }),
    handler: async ({ params }) => {
      const path = await db.query<{ code: string; name: string; level: string; parent_code: string | null }>(
        `WITH RECURSIVE up AS (
           SELECT code, name, level, parent_code, 0 AS depth FROM regions WHERE code = $1
           UNION ALL SELECT r.code, r.name, r.level, r.parent_code, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent_code)
         SELECT code, name, level, parent_code FROM up ORDER BY depth DESC`,
        [params.code],
      );
      const [row] = await db.query<Row>(`${SELECT} WHERE r.code = $1`, [params.code]);
      if (!row) throw notFound();
      return { ...toRegion(row), path: path.map(({ code, name, level }) => ({ code, name, level })) };
    },
  });
}
