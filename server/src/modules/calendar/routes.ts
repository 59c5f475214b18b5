// The working-day calendar (节假日安排): read by anyone logged in, edited by the platform admin.
import { bi, calendarDaySchema, calendarYearSchema, mayEditCalendar } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { removeCalendarDay, setCalendarDay } from './service.ts';
import { daysOfYear } from './store.ts';

const dateParams = z.object({ date: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD')) });
const dayBody = calendarDaySchema.omit({ date: true }).strict();
const yearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000, bi('年份应在 2000–2100 之间', 'Year is between 2000 and 2100'))
    .max(2100, bi('年份应在 2000–2100 之间', 'Year is between 2000 and 2100')),
});

export function calendarRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/calendar/days',
    access: 'user',
    summary: '节假日安排（某年的放假和调休上班日）Holidays and make-up working days of a year',
    tags: ['calendar'],
    query: yearQuery,
    response: calendarYearSchema,
    handler: async ({ query, actor }) => {
      const items = await daysOfYear(db, query.year);
      return { year: query.year, items, total: items.length, allowedActions: mayEditCalendar(actor) ? ['edit' as const] : [] };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calendar/days',
    access: 'user',
    summary: '新增节假日安排 Add a holiday or make-up working day (platform admin)',
    tags: ['calendar'],
    body: calendarDaySchema.strict(),
    response: calendarDaySchema,
    status: 201,
    handler: ({ body, actor }) => setCalendarDay(db, actor, body, true),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/calendar/days/:date',
    access: 'user',
    summary: '设置某日安排 Set a day (platform admin)',
    tags: ['calendar'],
    params: dateParams,
    body: dayBody,
    response: calendarDaySchema,
    handler: ({ params, body, actor }) => setCalendarDay(db, actor, { date: params.date, ...body }, false),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/calendar/days/:date',
    access: 'user',
    summary: '删除某日安排（恢复为普通工作日/周末）Remove a day (platform admin)',
    tags: ['calendar'],
    params: dateParams,
    status: 204,
    handler: async ({ params, actor }) => {
      await removeCalendarDay(db, actor, params.date);
      return undefined;
    },
  });
}
