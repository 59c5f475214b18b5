// The sensor registry (监测点位): per major hazard installation, what each sensor measures, its
// range, thresholds, hysteresis, rate limit and offline timeout. The enterprise (or an admin)
// maintains it; every change is an audit event, and the caller refreshes the pipeline's cached
// registry after the commit. A sensor with history (readings or alarms) is decommissioned (停用:
// kept and marked, its readings dead-lettered, no alarms), never deleted; only one without any may
// be deleted, and open alarms block both (they are handled and cleared first).
// The commands here; SQL in sensors-store.ts; routes in sensors-routes.ts.
import { type Actor, allowedSensorActions, canEditSensors, type Sensor, type SensorInput } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import { lockForCommand } from '../../db/lock.ts';
import type { Scoped } from '../../db/scope.ts';
import { AppError, forbidden, invalid } from '../../http/errors.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import {
  codeTaken,
  deleteSensor,
  findSensor,
  hasHistory,
  insertSensor,
  installationEnterprise,
  markDecommissioned,
  openAlarmCount,
  type SensorRow,
  updateSensor,
} from './sensors-store.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The sensor as stored (what audit events keep), without what this user may do with it. */
export function sensorRecord(r: SensorRow, now = Date.now()): Omit<Sensor, 'allowedActions'> {
  const latestTs = r.latest_ts ? new Date(r.latest_ts as string).getTime() : null;
  return {
    id: r.id,
    installationId: r.installation_id,
    installationName: r.installation_name as string,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name as string,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    code: r.code,
    name: r.name as string,
    type: r.type as Sensor['type'],
    unit: r.unit as string,
    rangeMin: Number(r.range_min),
    rangeMax: Number(r.range_max),
    lowLow: num(r.low_low),
    low: num(r.low),
    high: num(r.high),
    highHigh: num(r.high_high),
    hysteresis: Number(r.hysteresis),
    rateLimit: num(r.rate_limit),
    offlineSeconds: Number(r.offline_seconds),
    latest:
      latestTs === null
        ? null
        : {
            ts: new Date(latestTs).toISOString(),
            value: Number(r.latest_value),
            zone: (r.zone as NonNullable<Sensor['latest']>['zone']) ?? null,
          },
    online: latestTs !== null && now - latestTs <= Number(r.offline_seconds) * 1000,
    alarmSeverity: (r.alarm_severity as Sensor['alarmSeverity']) ?? null,
    decommissionedAt: r.decommissioned_at ? new Date(r.decommissioned_at).toISOString() : null,
    decommissionedBy: (r.decommissioned_by as string | null) ?? null,
    hasHistory: Boolean(r.has_history),
    version: r.version,
  };
}

/** The sensor as this user gets it: with the actions the domain policy allows them. */
export function toSensor(r: SensorRow, actor: Actor): Sensor {
  const s = sensorRecord(r);
  return {
    ...s,
    allowedActions: allowedSensorActions(actor, {
      enterpriseId: s.enterpriseId,
      decommissioned: !!s.decommissionedAt,
      hasHistory: s.hasHistory,
    }),
  };
}

/** The pipeline's newest value where sensor_latest has not caught up with it yet (it is written at most once a second). */
export function withLatest(r: SensorRow, pipeline: TelemetryPipeline): SensorRow {
  const mem = pipeline.latestOf(r.id);
  const stored = r.latest_ts ? new Date(r.latest_ts as string).getTime() : null;
  return mem && (stored === null || mem.ts > stored)
    ? { ...r, latest_ts: new Date(mem.ts).toISOString(), latest_value: mem.value, zone: mem.zone }
    : r;
}

const codeIsTaken = () => invalid({ code: { zh: '本企业已有该点位编号', en: 'This enterprise already has a sensor with this code' } });
const decommissioned = () =>
  new AppError('conflict', { zh: '该点位已停用，不能再修改', en: 'This sensor is decommissioned and can no longer be changed' });

/** Open alarms (not yet cleared) keep a sensor in service: they are handled and cleared first. */
async function refuseWithOpenAlarms(tx: Scoped, sensorId: string) {
  const n = await openAlarmCount(tx, sensorId);
  if (n)
    throw new AppError('conflict', {
      zh: `该点位有 ${n} 条未消除的报警，请先处置并消除报警，再停用或删除`,
      en: `This sensor has ${n} open alarm(s); handle and clear them before decommissioning or deleting it`,
    });
}

/** Lock the sensor, 404 out of scope, 403 when not the user's to keep, 409 at another version (lock.ts). */
const lockSensor = (tx: Scoped, actor: Actor, id: string, version?: number) =>
  lockForCommand(tx, id, {
    find: findSensor,
    may: (r) => canEditSensors(actor, r.enterprise_id),
    version,
    versionOf: (r) => r.version,
    // The 409 sensors always said (errors.ts's default for 'conflict').
    conflict: { zh: '记录已被他人修改或已存在', en: 'The record changed or already exists' },
  });

export async function createSensor(tx: Scoped, actor: Actor, b: SensorInput): Promise<SensorRow> {
  const enterpriseId = await installationEnterprise(tx, b.installationId);
  if (!enterpriseId) throw invalid({ installationId: { zh: '重大危险源不存在或不在辖区内', en: 'No such installation in your scope' } });
  if (!canEditSensors(actor, enterpriseId)) throw forbidden();
  if (await codeTaken(tx, enterpriseId, b.code)) throw codeIsTaken();
  const created = (await findSensor(tx, await insertSensor(tx, enterpriseId, b))) as SensorRow;
  await appendAudit(tx, actor, {
    action: 'sensor.create',
    entityType: 'sensor',
    entityId: created.id,
    regionCode: created.region_code,
    after: sensorRecord(created),
  });
  return created;
}

/** All or nothing: the caller's transaction holds every row. */
export async function importSensors(tx: Scoped, actor: Actor, rows: SensorInput[]): Promise<SensorRow[]> {
  const out: SensorRow[] = [];
  for (const b of rows) out.push(await createSensor(tx, actor, b));
  return out;
}

export async function changeSensor(tx: Scoped, actor: Actor, id: string, b: SensorInput & { version?: number }): Promise<SensorRow> {
  const before = await lockSensor(tx, actor, id, b.version);
  if (before.decommissioned_at) throw decommissioned();
  if (b.code !== before.code && (await codeTaken(tx, before.enterprise_id, b.code))) throw codeIsTaken();
  if (b.installationId !== before.installation_id)
    throw invalid({ installationId: { zh: '点位不能移到其他重大危险源', en: 'A sensor cannot move to another installation' } });
  await updateSensor(tx, id, b);
  const after = (await findSensor(tx, id)) as SensorRow;
  await appendAudit(tx, actor, {
    action: 'sensor.update',
    entityType: 'sensor',
    entityId: id,
    regionCode: after.region_code,
    before: sensorRecord(before),
    after: sensorRecord(after),
  });
  return after;
}

export async function decommissionSensor(tx: Scoped, actor: Actor, id: string, version?: number): Promise<SensorRow> {
  const before = await lockSensor(tx, actor, id, version);
  if (before.decommissioned_at) throw decommissioned();
  await refuseWithOpenAlarms(tx, id);
  await markDecommissioned(tx, id, actor.username);
  const after = (await findSensor(tx, id)) as SensorRow;
  await appendAudit(tx, actor, {
    action: 'sensor.decommission',
    entityType: 'sensor',
    entityId: id,
    regionCode: after.region_code,
    before: sensorRecord(before),
    after: sensorRecord(after),
  });
  return after;
}

/** Only a sensor without any history (the trigger of migration 019 checks again); else 409 with `decommission: true`. */
export async function removeSensor(tx: Scoped, actor: Actor, id: string): Promise<SensorRow> {
  const before = await lockSensor(tx, actor, id);
  await refuseWithOpenAlarms(tx, id);
  if (await hasHistory(tx, id))
    throw new AppError(
      'conflict',
      {
        zh: '该点位已有监测数据或报警记录，不能删除；如已不再使用，请停用',
        en: 'This sensor has readings or alarms and cannot be deleted; decommission it instead',
      },
      {},
      { decommission: true },
    );
  await deleteSensor(tx, id);
  await appendAudit(tx, actor, {
    action: 'sensor.delete',
    entityType: 'sensor',
    entityId: id,
    regionCode: before.region_code,
    before: sensorRecord(before),
  });
  return before;
}
