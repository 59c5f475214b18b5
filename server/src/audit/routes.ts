// The audit trail for admins: list with filters, and verification of the hash chain.
import { auditPageSchema, auditVerifySchema, mayReadAudit } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { pageFields, Where } from '../db/where.ts';
import { sendXlsx } from '../http/download.ts';
import { forbidden, invalid } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { beijingDayStart } from '../time.ts';
import { auditFromRow, verifyAudit } from './chain.ts';
import { auditXlsx } from './export.ts';

const auditFilters = {
  /** The action's code, exactly (hazard.accept), or a family with a trailing dot (hazard.). */
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  /** Who acted (username), exactly. */
  actor: z.string().max(64).optional(),
  /** On or after / on or before this Beijing day. */
  from: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
};
type AuditFilters = { [K in keyof typeof auditFilters]?: string };

/** WHERE of the audit log, shared by the list and the export. */
function auditWhere(q: AuditFilters): Where {
  if (q.from && q.to && q.from > q.to)
    throw invalid({ to: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' } });
  const w = new Where().eq('entity_type', q.entityType).eq('entity_id', q.entityId).eq('actor_name', q.actor);
  if (q.action?.endsWith('.')) w.add(`starts_with(action, ${w.param(q.action)})`);
  else w.eq('action', q.action);
  if (q.from) w.add(`at >= ${w.param(beijingDayStart(q.from))}::timestamptz`);
  if (q.to) w.add(`at < ${w.param(beijingDayStart(q.to, 1))}::timestamptz`);
  return w;
}

/** The export's row limit: a year of a province's events fits; narrow the filters beyond it. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export function auditRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit',
    access: 'user',
    summary: '审计日志 Audit events (admins)',
    tags: ['audit'],
    query: z.object({ ...auditFilters, ...pageFields() }),
    response: auditPageSchema,
    handler: async ({ query, actor }) => {
      if (!mayReadAudit(actor)) throw forbidden();
      const w = auditWhere(query);
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
    url: '/api/v1/audit/export',
    access: 'user',
    summary: '导出审计日志（Excel，北京时间，按筛选条件）Export the audit log (admins)',
    tags: ['audit'],
    query: z.object(auditFilters),
    handler: async ({ query, actor, reply }) => {
      if (!mayReadAudit(actor)) throw forbidden();
      const w = auditWhere(query);
      const rows = await db.query<Parameters<typeof auditFromRow>[0]>(
        `SELECT * FROM audit_events WHERE ${w.sql} ORDER BY seq DESC LIMIT ${AUDIT_EXPORT_LIMIT}`,
        w.params,
      );
      sendXlsx(reply, await auditXlsx(rows.map(auditFromRow)), 'audit.xlsx', '审计日志');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/verify',
    access: 'user',
    summary: '校验审计哈希链 Verify the audit chain (admins)',
    tags: ['audit'],
    response: auditVerifySchema,
    handler: async ({ actor }) => {
      if (!mayReadAudit(actor)) throw forbidden();
      return verifyAudit(db);
    },
  });
}
