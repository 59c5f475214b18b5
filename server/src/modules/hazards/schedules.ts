// Recurring self-inspection schedules (企业自查计划). The enterprise (or an admin) sets a rhythm;
// a job run at start and every ten minutes plans an inspection for each due occurrence — with
// the newest published version of the checklist at that moment — and tells the inspector, or the
// enterprise's people, in their inbox. Pausing a schedule stops it; it never deletes what it planned.
import {
  type Actor,
  dueOccurrence,
  mayManageSchedules,
  occurrence,
  resumeIndex,
  type ScheduleFrequency,
  scheduleInputSchema,
  schedulePatchSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { todayInShanghai } from '../../time.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';
import { dateOnly } from './store.ts';

type Row = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  name: string;
  checklist_code: string;
  frequency: ScheduleFrequency;
  start_date: string | Date;
  next_index: number;
  next_date: string | Date;
  inspector_id: string | null;
  inspector_name: string | null;
  active: boolean;
  created_by: string;
  version: number;
};

const SELECT = `SELECT s.*, e.name AS enterprise_name, e.region_code, u.display_name AS inspector_name
  FROM inspection_schedules s JOIN enterprises e ON e.id = s.enterprise_id LEFT JOIN users u ON u.id = s.inspector_id`;

const toSchedule = (r: Row, actor: Actor) => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  name: r.name,
  checklistCode: r.checklist_code,
  frequency: r.frequency,
  startDate: dateOnly(r.start_date),
  nextDate: dateOnly(r.next_date),
  inspectorId: r.inspector_id,
  inspectorName: r.inspector_name,
  active: r.active,
  createdBy: r.created_by,
  version: r.version,
  canManage: mayManageSchedules(actor, r.enterprise_id),
});

async function find(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  return (
    await tx.query<Row>(`${SELECT} WHERE s.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF s' : ''}`, params)
  )[0];
}

/** The newest published version of a checklist code, if it is made for self-inspection. */
async function latestSelfChecklist(q: Queryable, code: string) {
  const [c] = await q.query<{ id: string; tiers: string[] }>(
    'SELECT id, tiers FROM checklist_templates WHERE code = $1 ORDER BY version DESC LIMIT 1',
    [code],
  );
  return c?.tiers.includes('self') ? c : undefined;
}

/**
 * Plan every due occurrence (all schedules, or one). One transaction per schedule; the unique
 * (schedule_id, planned_date) index makes a second run, or a concurrent one, a no-op.
 * Returns how many inspections were planned.
 */
export async function planScheduledInspections(db: Db, today = todayInShanghai(), onlyId?: string): Promise<number> {
  const due = await db.query<{ id: string }>(
    `SELECT id FROM inspection_schedules WHERE active AND next_date <= $1::date ${onlyId ? 'AND id = $2' : ''} ORDER BY next_date LIMIT 5000`,
    onlyId ? [today, onlyId] : [today],
  );
  let planned = 0;
  for (const { id } of due) {
    planned += await db.transaction(async (tx) => {
      const [s] = await tx.query<Row>(`${SELECT} WHERE s.id = $1 AND s.active FOR UPDATE OF s`, [id]);
      if (!s) return 0;
      const start = dateOnly(s.start_date) as string;
      const { plan, nextIndex } = dueOccurrence(start, s.frequency, s.next_index, today);
      await tx.query('UPDATE inspection_schedules SET next_index = $2, next_date = $3 WHERE id = $1', [
        id,
        nextIndex,
        occurrence(start, s.frequency, nextIndex),
      ]);
      const checklist = plan ? await latestSelfChecklist(tx, s.checklist_code) : undefined;
      if (!plan || !checklist) return 0;
      const [inspection] = await tx.query<{ id: string }>(
        `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, inspector_id, planned_by, schedule_id)
         VALUES ($1, 'self', $2, $3, $4, 'system', $5) ON CONFLICT DO NOTHING RETURNING id`,
        [s.enterprise_id, checklist.id, plan, s.inspector_id, id],
      );
      if (!inspection) return 0;
      await tx.query(
        `INSERT INTO notifications (user_id, kind, title, link)
         SELECT u.id, 'inspectionDue', $3, $4 FROM users u
         WHERE NOT u.disabled AND (u.id = $2 OR ($2::uuid IS NULL AND u.enterprise_id = $1))`,
        [s.enterprise_id, s.inspector_id, `自查任务：${s.name}（${plan}）`, `/inspections/${inspection.id}`],
      );
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'inspection.plan',
          entityType: 'inspection',
          entityId: inspection.id,
          regionCode: s.region_code,
          after: { scheduleId: id, enterpriseId: s.enterprise_id, tier: 'self', checklistId: checklist.id, plannedDate: plan },
        },
      );
      return 1;
    });
  }
  return planned;
}

export const scheduleListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
  /** Next occurrence on or before this day. */
  dueBy: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
});
/** The list shows at most this many schedules. */
export const SCHEDULE_LIST_LIMIT = 500;

/** WHERE of the schedule list (joined to `enterprises e`), shared with the workbench's counts. */
export function scheduleWhere(tx: Scoped, query: z.infer<typeof scheduleListQuery>): Where {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params))
    .eq('s.enterprise_id', query.enterpriseId)
    .eq('s.active', query.active === undefined ? undefined : query.active === 'true');
  if (query.dueBy) w.add(`s.next_date <= ${w.param(query.dueBy)}::date`);
  return w;
}

export function scheduleRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspection-schedules',
    access: 'user',
    summary: '企业自查计划 Recurring self-inspection schedules',
    tags: ['inspections'],
    query: scheduleListQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = scheduleWhere(tx, query);
        const rows = await tx.query<Row>(`${SELECT} WHERE ${w.sql} ORDER BY s.next_date, s.name LIMIT ${SCHEDULE_LIST_LIMIT}`, w.params);
        return { items: rows.map((r) => toSchedule(r, actor)) };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspection-schedules',
    access: 'user',
    summary: '制定周期性自查计划（每日、每周、每月、每季度）Set a recurring self-inspection',
    tags: ['inspections'],
    body: scheduleInputSchema,
    status: 201,
    handler: async ({ body, actor }) => {
      const created = await withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        if (!mayManageSchedules(actor, e.id))
          throw forbidden({ zh: '自查计划由企业自行制定', en: 'Self-inspection schedules are set by the enterprise' });
        if (!(await latestSelfChecklist(tx, body.checklistCode)))
          throw invalid({ checklistCode: { zh: '检查表不存在或不适用于企业自查', en: 'No such checklist for self-inspection' } });
        if (body.inspectorId) {
          const [u] = await tx.query('SELECT 1 FROM users WHERE id = $1 AND enterprise_id = $2 AND NOT disabled', [body.inspectorId, e.id]);
          if (!u) throw invalid({ inspectorId: { zh: '检查人须为本企业账号', en: 'The inspector must be an account of the enterprise' } });
        }
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO inspection_schedules (enterprise_id, name, checklist_code, frequency, start_date, next_date, inspector_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id`,
          [e.id, body.name, body.checklistCode, body.frequency, body.startDate, body.inspectorId ?? null, actor.username],
        );
        const id = row?.id as string;
        await appendAudit(tx, actor, {
          action: 'schedule.create',
          entityType: 'inspectionSchedule',
          entityId: id,
          regionCode: e.region_code,
          after: body,
        });
        return id;
      });
      // A schedule starting today (or earlier) plans its first inspection at once.
      await planScheduledInspections(db, todayInShanghai(), created);
      return readScoped(db, actor.scope, async (tx) => toSchedule((await find(tx, created)) as Row, actor));
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/inspection-schedules/:id',
    access: 'user',
    summary: '暂停或恢复自查计划 Pause or resume a schedule',
    tags: ['inspections'],
    params: idParams,
    body: schedulePatchSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await find(tx, params.id, true);
        if (!before) throw notFound();
        if (!mayManageSchedules(actor, before.enterprise_id)) throw forbidden();
        if (body.version !== undefined && body.version !== before.version) throw new AppError('conflict');
        // Resuming skips the paused period: the next occurrence is the first from today on.
        const start = dateOnly(before.start_date) as string;
        const next =
          body.active && !before.active ? resumeIndex(start, before.frequency, before.next_index, todayInShanghai()) : before.next_index;
        await tx.query(
          'UPDATE inspection_schedules SET active = $2, next_index = $3, next_date = $4, version = version + 1 WHERE id = $1',
          [params.id, body.active, next, occurrence(start, before.frequency, next)],
        );
        const after = (await find(tx, params.id)) as Row;
        await appendAudit(tx, actor, {
          action: body.active ? 'schedule.resume' : 'schedule.pause',
          entityType: 'inspectionSchedule',
          entityId: params.id,
          regionCode: before.region_code,
          before: { active: before.active },
          after: { active: after.active },
        });
        return toSchedule(after, actor);
      }),
  });
}
