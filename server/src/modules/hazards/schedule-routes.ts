// Recurring self-inspection schedules (企业自查计划): the list, setting one (its first inspection is
// planned at once when due), pausing and resuming. Commands in schedule-service.ts, SQL in schedules.ts.
import { scheduleInputSchema, scheduleListSchema, schedulePatchSchema, scheduleSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { todayInShanghai } from '../../time.ts';
import { createSchedule, setScheduleActive } from './schedule-service.ts';
import { findSchedule, listSchedules, planScheduledInspections, scheduleListQuery, scheduleWhere, toSchedule } from './schedules.ts';

export function scheduleRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspection-schedules',
    access: 'user',
    summary: '企业自查计划 Recurring self-inspection schedules',
    tags: ['inspections'],
    query: scheduleListQuery,
    response: scheduleListSchema,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => ({
        items: (await listSchedules(tx, scheduleWhere(tx, query))).map((r) => toSchedule(r, actor)),
      })),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspection-schedules',
    access: 'user',
    summary: '制定周期性自查计划（每日、每周、每月、每季度）Set a recurring self-inspection',
    tags: ['inspections'],
    body: scheduleInputSchema,
    status: 201,
    response: scheduleSchema,
    handler: async ({ body, actor }) => {
      const created = await withScope(db, actor.scope, (tx) => createSchedule(tx, actor, body));
      // A schedule starting today (or earlier) plans its first inspection at once.
      await planScheduledInspections(db, todayInShanghai(), created);
      return readScoped(db, actor.scope, async (tx) => {
        const r = await findSchedule(tx, created);
        if (!r) throw notFound();
        return toSchedule(r, actor);
      });
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
    response: scheduleSchema,
    handler: async ({ params, body, actor }) => withScope(db, actor.scope, (tx) => setScheduleActive(tx, actor, params.id, body)),
  });
}
