// Recurring self-inspection schedules (企业自查计划): their SQL, and the job that plans their
// inspections. The enterprise (or an admin) sets a rhythm; the job, run at start and every ten
// minutes, plans an inspection for each due occurrence — with the newest published version of the
// checklist at that moment — and tells the inspector, or the enterprise's people, in their inbox.
// Pausing a schedule stops it; it never deletes what it planned. Routes: schedule-routes.ts.
import {
  type Actor,
  dueOccurrence,
  type InspectionSchedule,
  mayManageSchedules,
  occurrence,
  type ScheduleFrequency,
  type scheduleInputSchema,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import type { Scoped } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { todayInShanghai } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { dateOnly } from './store.ts';

export type ScheduleRow = {
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

export const toSchedule = (r: ScheduleRow, actor: Actor): InspectionSchedule => ({
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

export async function findSchedule(tx: Scoped, id: string, forUpdate = false): Promise<ScheduleRow | undefined> {
  const params: unknown[] = [id];
  return (
    await tx.query<ScheduleRow>(
      `${SELECT} WHERE s.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF s' : ''}`,
      params,
    )
  )[0];
}

/** The newest published version of a checklist code, if it is made for self-inspection. */
export async function latestSelfChecklist(q: Queryable, code: string) {
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
      const [s] = await tx.query<ScheduleRow>(`${SELECT} WHERE s.id = $1 AND s.active FOR UPDATE OF s`, [id]);
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

/** The list, soonest due first (at most SCHEDULE_LIST_LIMIT). */
export async function listSchedules(tx: Scoped, w: Where): Promise<ScheduleRow[]> {
  return tx.query<ScheduleRow>(`${SELECT} WHERE ${w.sql} ORDER BY s.next_date, s.name LIMIT ${SCHEDULE_LIST_LIMIT}`, w.params);
}

/** Whether a user is an active account of the enterprise (a schedule's inspector must be). */
export async function isActiveUserOf(tx: Scoped, userId: string, enterpriseId: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM users WHERE id = $1 AND enterprise_id = $2 AND NOT disabled', [userId, enterpriseId])).length > 0;
}

export async function insertSchedule(tx: Scoped, s: z.infer<typeof scheduleInputSchema>, createdBy: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO inspection_schedules (enterprise_id, name, checklist_code, frequency, start_date, next_date, inspector_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id`,
    [s.enterpriseId, s.name, s.checklistCode, s.frequency, s.startDate, s.inspectorId ?? null, createdBy],
  );
  return row?.id as string;
}

export async function updateActive(tx: Scoped, id: string, active: boolean, nextIndex: number, nextDate: string) {
  await tx.query('UPDATE inspection_schedules SET active = $2, next_index = $3, next_date = $4, version = version + 1 WHERE id = $1', [
    id,
    active,
    nextIndex,
    nextDate,
  ]);
}
