// Alarms for the people on duty: the list in scope (open first, most severe first), each step of
// the lifecycle (acknowledge → handle with a disposal note → clear once the condition is gone)
// as an audit event, a live stream (Server-Sent Events) of alarm changes in the user's
// jurisdiction, statistics, and the escalation job: not acknowledged within N minutes
// (ALARM_ESCALATE_MINUTES, default 10) → the county supervisors are notified, once per alarm and
// step (its severity then; again only if it grows worse while still unacknowledged), the notices
// of a day one group in their inbox.
import {
  ALARM_ACTIONS,
  ALARM_STATUSES,
  type AlarmStatus,
  alarmTransition,
  allowedAlarmActions,
  escalationNoticeGroup,
  escalationNoticeKey,
  escalationNoticeTitle,
  escalationStep,
  inScope,
  type Severity,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import { SESSION_COOKIE, watchSession } from '../../auth/sessions.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { iso, todayInShanghai } from '../../time.ts';
import { type AlarmEvent, type TelemetryPipeline, toAlarmEvent } from './pipeline.ts';

export const ALARM_SCOPE = { region: 'a.region_code', industry: 'a.industry_code', enterpriseId: 'a.enterprise_id' };
export const DEFAULT_ESCALATE_MINUTES = 10;

type Row = Record<string, unknown> & { id: string; status: AlarmStatus; condition_active: boolean; region_code: string; version: number };

const SELECT = `SELECT a.*, s.code AS sensor_code, s.name AS sensor_name, s.unit, s.type AS sensor_type, m.name AS installation_name,
    m.id AS installation_id, e.name AS enterprise_name
  FROM alarms a JOIN sensors s ON s.id = a.sensor_id JOIN major_hazard_installations m ON m.id = s.installation_id
  JOIN enterprises e ON e.id = a.enterprise_id`;

const toAlarm = (r: Row) => ({
  id: r.id,
  sensorId: r.sensor_id as string,
  sensorCode: r.sensor_code as string,
  sensorName: r.sensor_name as string,
  sensorType: r.sensor_type as string,
  unit: r.unit as string,
  installationId: r.installation_id as string,
  installationName: r.installation_name as string,
  enterpriseId: r.enterprise_id as string,
  enterpriseName: r.enterprise_name as string,
  regionCode: r.region_code,
  kind: r.kind as string,
  severity: r.severity as string,
  level: (r.level as string | null) ?? null,
  /** The furthest zone reached while open (the severity follows it). */
  peakLevel: (r.peak_level as string | null) ?? null,
  status: r.status,
  conditionActive: r.condition_active,
  firstValue: r.first_value === null ? null : Number(r.first_value),
  lastValue: r.last_value === null ? null : Number(r.last_value),
  peakValue: r.peak_value === null ? null : Number(r.peak_value),
  raisedAt: iso(r.raised_at as Date | string | null),
  updatedAt: iso(r.updated_at as Date | string | null),
  conditionClearedAt: iso(r.condition_cleared_at as Date | string | null),
  acknowledgedBy: r.acknowledged_by as string | null,
  acknowledgedAt: iso(r.acknowledged_at as Date | string | null),
  handledBy: r.handled_by as string | null,
  handledAt: iso(r.handled_at as Date | string | null),
  disposal: r.disposal as string | null,
  clearedBy: r.cleared_by as string | null,
  clearedAt: iso(r.cleared_at as Date | string | null),
  escalatedAt: iso(r.escalated_at as Date | string | null),
  escalatedSeverity: (r.escalated_severity as string | null) ?? null,
  version: r.version,
  allowedActions: allowedAlarmActions(r.status, r.condition_active),
});

async function findAlarm(tx: Scoped, id: string, forUpdate = false) {
  return (await tx.query<Row>(`${SELECT} WHERE a.id = $1 ${forUpdate ? 'FOR UPDATE OF a' : ''}`, [id]))[0];
}

const STAMP: Record<string, string> = { acknowledge: 'acknowledged', handle: 'handled', clear: 'cleared' };

export const alarmListQuery = z.object({
  status: z.enum([...ALARM_STATUSES, 'open']).default('open'),
  sensorId: z.uuid().optional(),
  installationId: z.uuid().optional(),
});
/** The list shows at most this many alarms. */
export const ALARM_LIST_LIMIT = 500;

/** WHERE of the alarm list (`alarms a` joined to `sensors s`), shared with the workbench's counts. */
export function alarmWhere(tx: Scoped, query: z.infer<typeof alarmListQuery>): { where: string; params: unknown[] } {
  const p: unknown[] = [];
  const where = [scopeFilter(tx.scope, p, ALARM_SCOPE)];
  if (query.status === 'open') where.push(`a.status <> 'cleared'`);
  else where.push(`a.status = $${p.push(query.status)}`);
  if (query.sensorId) where.push(`a.sensor_id = $${p.push(query.sensorId)}`);
  if (query.installationId) where.push(`s.installation_id = $${p.push(query.installationId)}`);
  return { where: where.join(' AND '), params: p };
}

export function alarmRoutes(app: FastifyInstance, db: Db, pipeline: TelemetryPipeline) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/alarms',
    access: 'user',
    summary: '报警列表（未消除优先、严重优先）Alarms',
    tags: ['monitoring'],
    query: alarmListQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const { where, params } = alarmWhere(tx, query);
        const rows = await tx.query<Row>(
          `${SELECT} WHERE ${where}
           ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, a.raised_at DESC LIMIT ${ALARM_LIST_LIMIT}`,
          params,
        );
        return { items: rows.map(toAlarm) };
      }),
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
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, async (tx) => {
        const a = await lockForCommand(tx, params.id, {
          find: findAlarm,
          version: body.version,
          versionOf: (r) => r.version,
          // The 409 alarms always said (errors.ts's default for 'conflict').
          conflict: { zh: '记录已被他人修改或已存在', en: 'The record changed or already exists' },
        });
        const to = alarmTransition(a.status, body.action, a.condition_active);
        if (to === 'refused')
          throw new AppError('conflict', undefined, {}, { allowedActions: allowedAlarmActions(a.status, a.condition_active) });
        if (to === 'conditionActive')
          throw new AppError(
            'conflict',
            { zh: '报警条件仍然存在，不能消除', en: 'The alarm condition is still present' },
            {},
            { allowedActions: [] },
          );
        if (body.action === 'handle' && !body.disposal) throw invalid({ disposal: { zh: '请填写处置情况', en: 'Describe what was done' } });
        const stamp = STAMP[body.action] as string;
        await tx.query(
          `UPDATE alarms SET status = $2, ${stamp}_by = $3, ${stamp}_at = now(), disposal = coalesce($4, disposal), version = version + 1, updated_at = now()
           WHERE id = $1`,
          [a.id, to, actor.username, body.disposal ?? null],
        );
        const after = (await findAlarm(tx, a.id)) as Row;
        await appendAudit(tx, actor, {
          action: `alarm.${body.action}`,
          entityType: 'alarm',
          entityId: a.id,
          regionCode: a.region_code,
          before: { status: a.status },
          after: { status: to, disposal: body.disposal ?? null },
        });
        return after;
      });
      const out = toAlarm(saved);
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
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const p: unknown[] = [query.days];
        const rows = await tx.query<{ severity: string; kind: string; status: string; n: number; unacknowledged_minutes: number | null }>(
          `SELECT a.severity, a.kind, a.status, count(*)::int AS n,
             avg(extract(epoch FROM coalesce(a.acknowledged_at, now()) - a.raised_at) / 60)::float8 AS unacknowledged_minutes
           FROM alarms a WHERE a.raised_at > now() - make_interval(days => $1) AND ${scopeFilter(tx.scope, p, ALARM_SCOPE)}
           GROUP BY 1, 2, 3`,
          p,
        );
        return { days: query.days, groups: rows };
      }),
  });
}

/**
 * Alarms still unacknowledged after `minutes` are escalated: the county supervisors get a notice
 * per alarm and step (escalationStep: the alarm's severity; again if it grows worse while still
 * unacknowledged), never two for one step — the notice's dedupe key holds that even against a
 * second run at the same moment — and the notices of a day are one group in the inbox.
 */
export async function escalateAlarms(db: Db, minutes = DEFAULT_ESCALATE_MINUTES, now = Date.now()): Promise<number> {
  // Candidates; escalationStep decides, on the row locked.
  const due = await db.query<{ id: string }>(
    `SELECT a.id FROM alarms a
     WHERE a.status = 'raised' AND a.raised_at < $2::timestamptz - make_interval(mins => $1)
       AND (a.escalated_severity IS NULL
            OR CASE a.severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 ELSE 1 END
             > CASE a.escalated_severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 ELSE 1 END)
     LIMIT 1000`,
    [minutes, new Date(now).toISOString()],
  );
  let n = 0;
  for (const { id } of due)
    if (
      await db.transaction(async (tx) => {
        const [a] = await tx.query<{
          status: AlarmStatus;
          raised_at: string;
          severity: Severity;
          escalated_severity: Severity | null;
          region_code: string;
          sensor_name: string;
          enterprise_name: string;
        }>(
          `SELECT a.status, a.raised_at, a.severity, a.escalated_severity, a.region_code, s.name AS sensor_name, e.name AS enterprise_name
           FROM alarms a JOIN sensors s ON s.id = a.sensor_id JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1 FOR UPDATE OF a`,
          [id],
        );
        if (!a) return false;
        const step = escalationStep(
          { status: a.status, raisedAt: new Date(a.raised_at).getTime(), severity: a.severity, escalatedSeverity: a.escalated_severity },
          now,
          minutes,
        );
        if (!step) return false;
        await tx.query(
          'UPDATE alarms SET escalated_at = coalesce(escalated_at, $3), escalated_severity = $2, version = version + 1 WHERE id = $1',
          [id, step, new Date(now).toISOString()],
        );
        const title = escalationNoticeTitle({
          step,
          previous: a.escalated_severity,
          minutes,
          enterpriseName: a.enterprise_name,
          sensorName: a.sensor_name,
        });
        await tx.query(
          `INSERT INTO notifications (user_id, kind, title, link, group_key, dedupe_key)
           SELECT u.id, 'alarmEscalated', $2, '/monitoring', $3, $4 FROM users u
           WHERE NOT u.disabled AND u.role = 'countySupervisor' AND u.department_id IS NULL AND left(u.region_code, 6) = left($1, 6)
           ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
          [a.region_code, title, escalationNoticeGroup(todayInShanghai(new Date(now))), escalationNoticeKey(id, step)],
        );
        await appendAudit(
          tx,
          { id: null, username: 'system' },
          {
            action: 'alarm.escalate',
            entityType: 'alarm',
            entityId: id,
            regionCode: a.region_code,
            before: { escalatedSeverity: a.escalated_severity },
            after: { minutes, escalatedSeverity: step },
          },
        );
        return true;
      })
    )
      n++;
  return n;
}
