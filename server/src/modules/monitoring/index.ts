// Major-hazard monitoring (重大危险源监测预警): sensors, telemetry ingest (HTTP and MQTT),
// gateways' credentials, alarms. Decorates the app with the pipeline, gateways and mqtt slot that
// main.ts and the jobs use.
import type { FastifyInstance } from 'fastify';
import { PRESENCE_LOCK } from '../../cluster/instance.ts';
import type { CapabilityDeps } from '../deps.ts';
import { alarmRoutes } from './alarms-routes.ts';
import type { MqttIngest } from './broker.ts';
import { GatewayAuth } from './gateway-auth.ts';
import { gatewayRoutes } from './gateways-routes.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { sensorRoutes } from './sensors-routes.ts';
import { telemetryRoutes } from './telemetry-routes.ts';
import { alarmWorkItems } from './workbench.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The telemetry pipeline (MQTT ingest and the jobs use the same one). */
    telemetry: TelemetryPipeline;
    /** Gateway credentials: the embedded broker checks them, the routes issue and revoke them. */
    gateways: GatewayAuth;
    /** The MQTT side of ingest, once main has started it (null in tests that run without one). */
    mqtt: MqttIngest | null;
  }
}

export async function registerMonitoring(app: FastifyInstance, { db, workbench }: CapabilityDeps) {
  const telemetry = new TelemetryPipeline(db);
  await telemetry.ensurePartitions();
  // The running minutes' aggregates are recounted only by a process starting alone (README "Scaling out").
  if (!(await db.joinCluster(PRESENCE_LOCK, () => telemetry.recoverMinutes()))) await telemetry.recoverMinutes(false);
  app.decorate('telemetry', telemetry);
  const gateways = new GatewayAuth(db);
  app.decorate('gateways', gateways);
  app.decorate('mqtt', null);
  // A clean stop writes what memory still holds (running minutes, latest values).
  app.addHook('onClose', async () => {
    await telemetry.drain();
    await telemetry.closeMinutes(true);
  });
  sensorRoutes(app, db, telemetry);
  telemetryRoutes(app, db, telemetry, gateways);
  gatewayRoutes(app, db, gateways);
  alarmRoutes(app, db, telemetry);
  workbench.register('alarms', alarmWorkItems);
}
