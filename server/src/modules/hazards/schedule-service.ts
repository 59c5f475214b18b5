// Schedules' commands: set a recurring self-inspection (the enterprise's own people or an admin,
// domain mayManageSchedules), pause or resume one. SQL and the planning job: schedules.ts.
import {
  type Actor,
  type InspectionSchedule,
  mayManageSchedules,
  occurrence,
  resumeIndex,
  type scheduleInputSchema,
  type schedulePatchSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import { lockForCommand } from '../../db/lock.ts';
import type { Scoped } from '../../db/scope.ts';
import { forbidden, invalid } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import {
  findSchedule,
  insertSchedule,
  isActiveUserOf,
  latestSelfChecklist,
  type ScheduleRow,
  toSchedule,
  updateActive,
} from './schedules.ts';
import { dateOnly } from './store.ts';

/** A new schedule (its id); the caller plans its first inspection once it is committed. */
export async function createSchedule(tx: Scoped, actor: Actor, body: z.infer<typeof scheduleInputSchema>): Promise<string> {
  const e = await visibleEnterprise(tx, body.enterpriseId);
  if (!mayManageSchedules(actor, e.id))
    throw forbidden({ zh: '自查计划由企业自行制定', en: 'Self-inspection schedules are set by the enterprise' });
  if (!(await latestSelfChecklist(tx, body.checklistCode)))
    throw invalid({ checklistCode: { zh: '检查表不存在或不适用于企业自查', en: 'No such checklist for self-inspection' } });
  if (body.inspectorId && !(await isActiveUserOf(tx, body.inspectorId, e.id)))
    throw invalid({ inspectorId: { zh: '检查人须为本企业账号', en: 'The inspector must be an account of the enterprise' } });
  const id = await insertSchedule(tx, { ...body, enterpriseId: e.id }, actor.username);
  await appendAudit(tx, actor, {
    action: 'schedule.create',
    entityType: 'inspectionSchedule',
    entityId: id,
    regionCode: e.region_code,
    after: body,
  });
  return id;
}

/** Pause or resume. Resuming skips the paused period: the next occurrence is the first from today on. */
export async function setScheduleActive(
  tx: Scoped,
  actor: Actor,
  id: string,
  body: z.infer<typeof schedulePatchSchema>,
): Promise<InspectionSchedule> {
  const before = await lockForCommand(tx, id, {
    find: findSchedule,
    may: (s) => mayManageSchedules(actor, s.enterprise_id),
    version: body.version,
    versionOf: (s) => s.version,
  });
  const start = dateOnly(before.start_date) as string;
  const next =
    body.active && !before.active ? resumeIndex(start, before.frequency, before.next_index, todayInShanghai()) : before.next_index;
  await updateActive(tx, id, body.active, next, occurrence(start, before.frequency, next));
  const after = (await findSchedule(tx, id)) as ScheduleRow;
  await appendAudit(tx, actor, {
    action: body.active ? 'schedule.resume' : 'schedule.pause',
    entityType: 'inspectionSchedule',
    entityId: id,
    regionCode: before.region_code,
    before: { active: before.active },
    after: { active: after.active },
  });
  return toSchedule(after, actor);
}
