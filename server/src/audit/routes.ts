// The audit trail for admins: list with filters, and verification of the hash chain.
import { isAdmin } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { pageFields, Where } from '../db/where.ts';
import { forbidden } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { auditFromRow, verifyAudit } from './chain.ts';

export function auditRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit',
    access: 'user',
    summary: '审计日志 Audit events (admins)',
    tags: ['audit'],
    query: z.object({
      action: z.string().max(64).optional(),
      entityType: z.string().max(64).optional(),
      entityId: z.string().max(64).optional(),
      actor: z.string().max(64).optional(),
      ...pageFields(),
    }),
    handler: async ({ query, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      const w = new Where()
        .eq('action', query.action)
        .eq('entity_type', query.entityType)
        .eq('entity_id', query.entityId)
        .eq('actor_name', query.actor);
      const page = w.page(query.page, query.pageSize);
      const rows = await db.query<Parameters<typeof auditFromRow>[0]>(
        `SELECT * FROM audit_events WHERE ${w.sql} ORDER BY seq DESC ${page.limit}`,
        page.params,
      );
      const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE ${w.sql}`, w.params);
      return { items: rows.map(auditFromRow), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/verify',
    access: 'user',
    summary: '校验审计哈希链 Verify the audit chain (admins)',
    tags: ['audit'],
    handler: async ({ actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      return verifyAudit(db);
    },
  });
}
