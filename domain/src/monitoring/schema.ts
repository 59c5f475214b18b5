// Response shapes of monitoring (sensors, alarms, gateway credentials, telemetry). The server
// declares its routes' responses with these (a response is parsed with them: a field not listed
// here never reaches the web), and the web takes its types from them (z.infer).
import { z } from 'zod';
import { ALARM_ACTIONS, ALARM_KINDS, ALARM_STATUSES, SEVERITIES } from './alarms.ts';
import { GATEWAY_CREDENTIAL_ACTIONS, SENSOR_ACTIONS } from './policy.ts';
import { SENSOR_TYPES, THRESHOLD_LEVELS } from './sensors.ts';

const isoTime = z.string();

export const sensorSchema = z.object({
  id: z.string(),
  installationId: z.string(),
  installationName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(SENSOR_TYPES),
  unit: z.string(),
  rangeMin: z.number(),
  rangeMax: z.number(),
  lowLow: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  highHigh: z.number().nullable(),
  hysteresis: z.number(),
  rateLimit: z.number().nullable(),
  offlineSeconds: z.number(),
  /** The newest reading (the pipeline's memory when newer than the stored value). */
  latest: z.object({ ts: isoTime, value: z.number(), zone: z.enum(THRESHOLD_LEVELS).nullable() }).nullable(),
  online: z.boolean(),
  /** The most severe open alarm's severity. */
  alarmSeverity: z.enum(SEVERITIES).nullable(),
  decommissionedAt: isoTime.nullable(),
  decommissionedBy: z.string().nullable(),
  /** Has readings (and so perhaps alarms): it can be decommissioned, not deleted. */
  hasHistory: z.boolean(),
  version: z.number(),
  allowedActions: z.array(z.enum(SENSOR_ACTIONS)),
});
export type Sensor = z.infer<typeof sensorSchema>;
export const sensorListSchema = z.object({ items: z.array(sensorSchema) });
export const sensorImportResultSchema = z.object({ imported: z.number() });
export type SensorImportResult = z.infer<typeof sensorImportResultSchema>;

export const alarmSchema = z.object({
  id: z.string(),
  sensorId: z.string(),
  sensorCode: z.string(),
  sensorName: z.string(),
  sensorType: z.enum(SENSOR_TYPES),
  unit: z.string(),
  installationId: z.string(),
  installationName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  kind: z.enum(ALARM_KINDS),
  severity: z.enum(SEVERITIES),
  level: z.enum(THRESHOLD_LEVELS).nullable(),
  /** The furthest zone reached while open (the severity follows it). */
  peakLevel: z.enum(THRESHOLD_LEVELS).nullable(),
  status: z.enum(ALARM_STATUSES),
  conditionActive: z.boolean(),
  firstValue: z.number().nullable(),
  lastValue: z.number().nullable(),
  peakValue: z.number().nullable(),
  raisedAt: isoTime,
  updatedAt: isoTime,
  conditionClearedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: isoTime.nullable(),
  handledBy: z.string().nullable(),
  handledAt: isoTime.nullable(),
  disposal: z.string().nullable(),
  clearedBy: z.string().nullable(),
  clearedAt: isoTime.nullable(),
  escalatedAt: isoTime.nullable(),
  escalatedSeverity: z.enum(SEVERITIES).nullable(),
  version: z.number(),
  allowedActions: z.array(z.enum(ALARM_ACTIONS)),
});
export type Alarm = z.infer<typeof alarmSchema>;
export const alarmListSchema = z.object({ items: z.array(alarmSchema) });

export const alarmStatsSchema = z.object({
  days: z.number(),
  groups: z.array(
    z.object({
      severity: z.enum(SEVERITIES),
      kind: z.enum(ALARM_KINDS),
      status: z.enum(ALARM_STATUSES),
      n: z.number(),
      unacknowledged_minutes: z.number().nullable(),
    }),
  ),
});

export const gatewayCredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** What the gateway puts in the MQTT CONNECT username. */
  username: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  creditCode: z.string().nullable(),
  /** For a regional credential, the region prefix it covers ('' is the whole country). */
  regionCode: z.string().nullable(),
  createdAt: isoTime,
  createdBy: z.string().nullable(),
  revokedAt: isoTime.nullable(),
  lastUsedAt: isoTime.nullable(),
  allowedActions: z.array(z.enum(GATEWAY_CREDENTIAL_ACTIONS)),
});
export type GatewayCredential = z.infer<typeof gatewayCredentialSchema>;
export const gatewayCredentialListSchema = z.object({
  items: z.array(gatewayCredentialSchema),
  /** Live gateway connections (all enterprises'): the platform admin's figure only. */
  connections: z.number().optional(),
});
/** A credential just issued: the only time its secret (the MQTT password) is shown. */
export const issuedGatewayCredentialSchema = gatewayCredentialSchema.extend({ password: z.string() });
export type IssuedGatewayCredential = z.infer<typeof issuedGatewayCredentialSchema>;

export const ingestResultSchema = z.object({ accepted: z.number(), rejected: z.number() });

/** A sensor over time: [time, value (mean per minute), low, high] per point. */
export const sensorSeriesSchema = z.object({
  sensorId: z.string(),
  resolution: z.enum(['raw', 'minute']),
  points: z.array(z.tuple([isoTime, z.number(), z.number(), z.number()])),
});

export const installationStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  grade: z.number().nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  /** Sensors in service, those online, and those with an open alarm per severity. */
  sensors: z.number(),
  online: z.number(),
  alarms: z.object({ critical: z.number(), major: z.number(), warning: z.number() }),
});
export type InstallationStatus = z.infer<typeof installationStatusSchema>;
export const installationStatusListSchema = z.object({ items: z.array(installationStatusSchema) });

const subscriberStatusSchema = z.object({
  connected: z.boolean(),
  since: isoTime.nullable(),
  reconnects: z.number(),
  received: z.number(),
  storing: z.number(),
  acksWaiting: z.number(),
});
/** The MQTT side of ingest: the embedded broker, or our subscribers on an external one. */
export const mqttStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded'), port: z.number().nullable(), clients: z.number() }),
  z.object({
    kind: z.literal('external'),
    broker: z.string(),
    brokerStoredMessages: z.number().nullable(),
    subscribers: z.array(subscriberStatusSchema),
  }),
]);

/** GET /api/v1/telemetry/stats?only=counters: the in-memory counters and the MQTT side alone. */
export const ingestCountersSchema = z.object({
  since: isoTime,
  counters: z.object({
    batches: z.number(),
    accepted: z.number(),
    rejected: z.number(),
    flushes: z.number(),
    written: z.number(),
    largestWrite: z.number(),
    writeMs: z.number(),
    collisions: z.number(),
    backlog: z.number(),
  }),
  mqtt: mqttStatusSchema.nullable(),
  warnings: z.array(z.object({ code: z.string(), value: z.number(), limit: z.number(), message: z.string() })),
});

/** GET /api/v1/telemetry/stats: the counters, the gateways' logins, the process's memory and the dead letters. */
export const ingestStatsSchema = ingestCountersSchema.extend({
  gateways: z.object({
    logins: z.number(),
    refusedLogins: z.number(),
    refusedPublishes: z.number(),
    refusedSubscribes: z.number(),
    connected: z.number(),
  }),
  /** The process's memory in MB (rss, heapTotal, heapUsed, external, arrayBuffers). */
  memory: z.record(z.string(), z.number()),
  deadLetters: z.object({
    last24h: z.array(z.object({ reason: z.string(), n: z.number() })),
    recent: z.array(
      z.object({ receivedAt: isoTime, source: z.string(), creditCode: z.string().nullable(), reason: z.string(), payload: z.string() }),
    ),
  }),
});
export type IngestStats = z.infer<typeof ingestStatsSchema>;
/** What the route declares: the full answer, or (only=counters) without the gateways, memory and dead letters. */
export const ingestStatsResponseSchema = ingestStatsSchema.partial({ gateways: true, memory: true, deadLetters: true });
