// Telemetry over HTTP (the same batch as MQTT), a sensor's series for charts (raw readings for
// short spans, one-minute aggregates beyond), and the per-installation status table of the wall.
import { bi, ingestWarnings, isAdmin, MAX_TELEMETRY_DEPTH, nestedDeeperThan, telemetryBatchSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, scopeFilter } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import type { GatewayAuth } from './gateways.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import { findSensor, SENSOR_SCOPE } from './sensors.ts';

/** A credit code as the MQTT topic takes it (anything else, a NUL among it, never reaches the database). */
const CREDIT_CODE = /^[0-9A-Z]{18}$/;
const tooDeep = () =>
  invalid({
    readings: {
      zh: `数据嵌套超过 ${MAX_TELEMETRY_DEPTH} 层，不是监测数据`,
      en: `Nested more than ${MAX_TELEMETRY_DEPTH} deep: not a telemetry batch`,
    },
  });

const nameTheEnterprise = () => invalid({ creditCode: { zh: '请注明企业统一社会信用代码', en: 'Name the enterprise by its credit code' } });

export function telemetryRoutes(app: FastifyInstance, db: Db, pipeline: TelemetryPipeline, gateways: GatewayAuth) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/telemetry',
    access: 'userOrGateway',
    summary: '上报监测数据（与 MQTT 相同的批量格式；写入后才返回；网关用 Basic 认证：凭证编号:密钥）Send readings',
    tags: ['monitoring'],
    body: telemetryBatchSchema.extend({
      creditCode: z
        .string()
        .regex(CREDIT_CODE, bi('统一社会信用代码为18位数字或大写字母', 'A credit code is 18 digits or capital letters'))
        .optional(),
    }),
    handler: async ({ body, req }) => {
      // Over MQTT such a message is a dead letter; here the sender is told at once.
      if (nestedDeeperThan(body.readings, MAX_TELEMETRY_DEPTH - 1)) throw tooDeep();
      const actor = req.actor;
      if (!actor) {
        // A gateway: the same credential and the same coverage rule as on the MQTT broker.
        const session = await gateways.fromBasic(req.headers.authorization);
        if (!session) throw new AppError('unauthenticated');
        if (!body.creditCode) throw nameTheEnterprise();
        if (!(await gateways.mayPublish(session, body.creditCode))) throw forbidden();
        return pipeline.ingest(body.creditCode, { readings: body.readings }, 'http');
      }
      // Enterprise accounts send for their own enterprise; others name an enterprise in their scope.
      const creditCode = await readScoped(db, actor.scope, async (tx) => {
        const p: unknown[] = [];
        const where = [enterpriseScope(tx, p)];
        if (body.creditCode) where.push(`e.credit_code = $${p.push(body.creditCode)}`);
        else if (actor.scope.enterpriseId) where.push(`e.id = $${p.push(actor.scope.enterpriseId)}`);
        else throw nameTheEnterprise();
        const [e] = await tx.query<{ credit_code: string }>(`SELECT e.credit_code FROM enterprises e WHERE ${where.join(' AND ')}`, p);
        if (!e) throw notFound();
        return e.credit_code;
      });
      return pipeline.ingest(creditCode, { readings: body.readings }, 'http');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/sensors/:id/series',
    access: 'user',
    summary: '监测曲线（两小时内为原始读数，更长为分钟均值）A sensor over time',
    tags: ['monitoring'],
    params: idParams,
    query: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
    handler: async ({ params, query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const s = await findSensor(tx, params.id);
        if (!s) throw notFound();
        const to = query.to ? new Date(query.to) : new Date();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 3600000);
        const raw = to.getTime() - from.getTime() <= 2 * 3600000;
        const rows = raw
          ? await tx.query<{ t: Date; v: number; lo: number; hi: number }>(
              'SELECT ts AS t, value AS v, value AS lo, value AS hi FROM readings WHERE sensor_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts LIMIT 20000',
              [params.id, from.toISOString(), to.toISOString()],
            )
          : await tx.query<{ t: Date; v: number; lo: number; hi: number }>(
              'SELECT minute AS t, sum / n AS v, min AS lo, max AS hi FROM readings_minute WHERE sensor_id = $1 AND minute >= $2 AND minute <= $3 ORDER BY minute LIMIT 20000',
              [params.id, from.toISOString(), to.toISOString()],
            );
        return {
          sensorId: params.id,
          resolution: raw ? 'raw' : 'minute',
          points: rows.map((r) => [new Date(r.t).toISOString(), Number(r.v), Number(r.lo), Number(r.hi)] as const),
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/monitoring/installations',
    access: 'user',
    summary: '一表清：各重大危险源的点位（在用）、在线与报警情况 Status per installation (sensors in service)',
    tags: ['monitoring'],
    handler: async ({ actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const p: unknown[] = [];
        const rows = await tx.query<Record<string, unknown>>(
          `SELECT m.id, m.name, m.grade, e.id AS enterprise_id, e.name AS enterprise_name, s.region_code,
             count(*)::int AS sensors,
             count(*) FILTER (WHERE l.ts > now() - make_interval(secs => s.offline_seconds))::int AS online,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.status <> 'cleared' AND a.severity = 'critical'))::int AS critical,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.status <> 'cleared' AND a.severity = 'major'))::int AS major,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.status <> 'cleared' AND a.severity = 'warning'))::int AS warning
           FROM sensors s JOIN major_hazard_installations m ON m.id = s.installation_id JOIN enterprises e ON e.id = s.enterprise_id
           LEFT JOIN sensor_latest l ON l.sensor_id = s.id
           WHERE ${scopeFilter(tx.scope, p, SENSOR_SCOPE)} AND s.decommissioned_at IS NULL
           GROUP BY m.id, m.name, m.grade, e.id, e.name, s.region_code ORDER BY critical DESC, major DESC, e.name, m.name LIMIT 1000`,
          p,
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            grade: r.grade,
            enterpriseId: r.enterprise_id,
            enterpriseName: r.enterprise_name,
            regionCode: r.region_code,
            sensors: r.sensors,
            online: r.online,
            alarms: { critical: r.critical, major: r.major, warning: r.warning },
          })),
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/telemetry/stats',
    access: 'user',
    summary: '接入运行情况：计数与被拒读数（平台管理员）Pipeline counters and dead letters',
    tags: ['monitoring'],
    // `only=counters`: the in-memory counters alone, without the dead-letter queries — for a
    // monitor that polls often (the benchmark reads them every 20 ms).
    query: z.object({ only: z.enum(['counters']).optional() }),
    // Platform admins run the gateways' integration; dead letters may name enterprises no one's
    // jurisdiction holds (unknown credit codes), so they are not shown to supervisors.
    handler: async ({ actor, query }) => {
      if (!isAdmin(actor)) throw forbidden();
      const counters = { ...pipeline.counters, writeMs: Math.round(pipeline.counters.writeMs), backlog: pipeline.backlog };
      const mqtt = app.mqtt?.status() ?? null;
      const health = {
        mqtt,
        warnings: ingestWarnings(
          mqtt?.kind === 'external'
            ? { backlog: counters.backlog, brokerStoredMessages: mqtt.brokerStoredMessages, subscribers: mqtt.subscribers }
            : { backlog: counters.backlog, subscribers: null },
        ),
      };
      if (query.only === 'counters') return { since: pipeline.startedAt.toISOString(), counters, ...health };
      const byReason = await db.query<{ reason: string; n: number }>(
        `SELECT reason, count(*)::int AS n FROM telemetry_dead_letters WHERE received_at > now() - interval '24 hours'
         GROUP BY reason ORDER BY n DESC`,
      );
      const recent = await db.query<Record<string, unknown>>(
        'SELECT received_at, source, credit_code, reason, payload FROM telemetry_dead_letters ORDER BY id DESC LIMIT 50',
      );
      return {
        since: pipeline.startedAt.toISOString(),
        counters,
        ...health,
        gateways: { ...gateways.counters, connected: gateways.connections },
        // The process's memory in MB: RSS that climbs while the JavaScript heap in use stays level
        // is the heap growing into its limits, not a leak.
        memory: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])),
        deadLetters: {
          last24h: byReason,
          recent: recent.map((r) => ({
            receivedAt: new Date(r.received_at as string).toISOString(),
            source: r.source,
            creditCode: r.credit_code,
            reason: r.reason,
            payload: r.payload,
          })),
        },
      };
    },
  });
}
