// Alarms' routes: the list in scope (open first, most severe first), a lifecycle step, a live
// stream (Server-Sent Events) of alarm changes in the user's jurisdiction, statistics.
// Commands in alarms.ts; SQL in alarms-store.ts.
import { ALARM_ACTIONS, alarmListSchema, alarmSchema, alarmStatsSchema, inScope } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, watchSession } from '../../auth/sessions.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { type AlarmEvent, toAlarmEvent } from './alarm-signals.ts';
import { toAlarm, transitionAlarm } from './alarms.ts';
import { alarmListQuery, alarmStats, listAlarms } from './alarms-store.ts';
import type { TelemetryPipeline } from './pipeline.ts';

export function alarmRoutes(app: FastifyInstance, db: Db, pipeline: TelemetryPipeline) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/alarms',
    access: 'user',
    summary: '报警列表（未消除优先、严重优先）Alarms',
    tags: ['monitoring'],
    query: alarmListQuery,
    response: alarmListSchema,
    handler: async ({ query, actor }) => {
      const rows = await readScoped(db, actor.scope, (tx) => listAlarms(tx, query));
      return { items: rows.map((r) => toAlarm(r, actor)) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/alarms/:id/transitions',
    access: 'user',
    summary: '报警处置（确认、处置、消除）Acknowledge, handle or clear an alarm',
    tags: ['monitoring'],
    params: idParams,
    body: z.strictObject({
      action: z.enum(ALARM_ACTIONS),
      disposal: z.string().trim().min(1).max(2000).optional(),
      version: z.number().int().min(1).optional(),
    }),
    response: alarmSchema,
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, (tx) => transitionAlarm(tx, actor, params.id, body));
      const out = toAlarm(saved, actor);
      pipeline.events.emit('alarm', toAlarmEvent(saved));
      return out;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/alarms/stream',
    access: 'user',
    summary: '报警实时推送（SSE，本辖区）Live alarm changes in your jurisdiction',
    tags: ['monitoring'],
    handler: async ({ actor, reply, req }) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': connected\n\n');
      const send = (ev: AlarmEvent) => {
        if (!inScope(actor.scope, { regionCode: ev.regionCode, enterpriseId: ev.enterpriseId, industryCode: ev.industryCode })) return;
        res.write(`event: alarm\ndata: ${JSON.stringify(ev)}\n\n`);
      };
      pipeline.events.on('alarm', send);
      const ping = setInterval(() => res.write(': ping\n\n'), 15000);
      // The stream ends with its session: logout, password reset, disabling, a change of role or home.
      const unwatch = watchSession(db, req.cookies[SESSION_COOKIE] ?? '', actor.id, () => res.end());
      req.raw.on('close', () => {
        clearInterval(ping);
        unwatch();
        pipeline.events.off('alarm', send);
      });
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/alarm-stats',
    access: 'user',
    summary: '报警统计（按严重程度、类型、状态；近 N 天）Alarm statistics',
    tags: ['monitoring'],
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(7) }),
    response: alarmStatsSchema,
    handler: async ({ query, actor }) => {
      const groups = await readScoped(db, actor.scope, (tx) => alarmStats(tx, query.days));
      return { days: query.days, groups };
    },
  });
}
