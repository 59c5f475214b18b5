// Supervisor dashboard: hazards by status, level and overdue, per sub-region of a region.
import { HAZARD_STATUSES, regionPrefix } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { defineRoute } from '../../http/route.ts';
import { enterpriseScope } from '../risks/store.ts';

const STATUS_COLUMNS = HAZARD_STATUSES.map((s) => `count(*) FILTER (WHERE h.status = '${s}')::int AS "${s}"`).join(', ');
const COLUMNS = `${STATUS_COLUMNS}, count(*) FILTER (WHERE h.level = 'major')::int AS major, count(*) FILTER (WHERE h.level = 'general')::int AS general,
  count(*) FILTER (WHERE h.overdue)::int AS overdue, count(*) FILTER (WHERE h.listed_tier IS NOT NULL AND h.status NOT IN ('closed', 'cancelled'))::int AS listed`;

export function hazardDashboardRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazard-dashboard',
    access: 'user',
    summary: '隐患统计看板（按下级区划：状态、等级、逾期）Hazard dashboard per sub-region',
    tags: ['hazards'],
    query: z.object({
      region: z
        .string()
        .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
        .optional(),
    }),
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const base = query.region ? regionPrefix(query.region.padEnd(12, '0')) : actor.scope.regionPrefix;
        const w = new Where();
        w.add(enterpriseScope(tx, w.params)).add(`e.region_code LIKE ${w.param(`${base}%`)}`);
        const children = await tx.query<{ code: string; name: string; prefix: string }>(
          base
            ? 'SELECT code, name, prefix FROM regions WHERE parent_code = $1 ORDER BY code'
            : 'SELECT code, name, prefix FROM regions WHERE parent_code IS NULL ORDER BY code',
          base ? [base.padEnd(12, '0')] : [],
        );
        // Group by the child region's prefix length in SQL, so the work stays in the database.
        const len = children[0]?.prefix.length ?? 12;
        const rows = await tx.query<Record<string, number> & { prefix: string }>(
          `SELECT left(e.region_code, ${len}) AS prefix, ${COLUMNS} FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE ${w.sql} GROUP BY 1`,
          w.params,
        );
        const [totals] = await tx.query<Record<string, number>>(
          `SELECT ${COLUMNS} FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE ${w.sql}`,
          w.params,
        );
        const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
        return {
          region: base,
          totals,
          byRegion: children
            .map((c) => ({
              code: c.code,
              name: c.name,
              ...(byPrefix.get(c.prefix.padEnd(len, '0').slice(0, len)) ?? byPrefix.get(c.prefix) ?? {}),
            }))
            .filter((r) => Object.keys(r).length > 2 || children.length <= 40),
        };
      }),
  });
}
