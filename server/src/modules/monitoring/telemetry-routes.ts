// Telemetry over HTTP (the same batch as MQTT), a sensor's series for charts (raw readings for
// short spans, one-minute aggregates beyond), the per-installation status table of the wall, and
// the ingest's health for its operators.
import {
  bi,
  canSeeIngestHealth,
  ingestResultSchema,
  ingestStatsResponseSchema,
  ingestWarnings,
  installationStatusListSchema,
  MAX_TELEMETRY_DEPTH,
  nestedDeeperThan,
  sensorSeriesSchema,
  telemetryBatchSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { GatewayAuth } from './gateway-auth.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import { findSensor } from './sensors-store.ts';
import { creditCodeInScope, deadLetterSummary, installationStatus, sensorSeries } from './telemetry-store.ts';

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
    response: ingestResultSchema,
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
      const by = body.creditCode
        ? { creditCode: body.creditCode }
        : actor.scope.enterpriseId
          ? { enterpriseId: actor.scope.enterpriseId }
          : null;
      if (!by) throw nameTheEnterprise();
      const creditCode = await readScoped(db, actor.scope, (tx) => creditCodeInScope(tx, by));
      if (!creditCode) throw notFound();
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
    response: sensorSeriesSchema,
    handler: async ({ params, query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        if (!(await findSensor(tx, params.id))) throw notFound();
        const to = query.to ? new Date(query.to) : new Date();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 3600000);
        const resolution: 'raw' | 'minute' = to.getTime() - from.getTime() <= 2 * 3600000 ? 'raw' : 'minute';
        return { sensorId: params.id, resolution, points: await sensorSeries(tx, params.id, from, to, resolution) };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/monitoring/installations',
    access: 'user',
    summary: '一表清：各重大危险源的点位（在用）、在线与报警情况 Status per installation (sensors in service)',
    tags: ['monitoring'],
    response: installationStatusListSchema,
    handler: async ({ actor }) => ({ items: await readScoped(db, actor.scope, installationStatus) }),
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
    response: ingestStatsResponseSchema,
    // Platform admins run the gateways' integration; dead letters may name enterprises no one's
    // jurisdiction holds (unknown credit codes), so they are not shown to supervisors.
    handler: async ({ actor, query }) => {
      if (!canSeeIngestHealth(actor)) throw forbidden();
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
      return {
        since: pipeline.startedAt.toISOString(),
        counters,
        ...health,
        gateways: { ...gateways.counters, connected: gateways.connections },
        // The process's memory in MB: RSS that climbs while the JavaScript heap in use stays level
        // is the heap growing into its limits, not a leak.
        memory: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])),
        deadLetters: await deadLetterSummary(db),
      };
    },
  });
}
