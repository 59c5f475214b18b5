// The sensor registry's SQL: sensors with their enterprise, installation, latest value and most
// severe open alarm, in the caller's scope; the writes of the registry's commands.
import type { SensorInput } from '@taishan/domain';
import { SENSOR_TYPE_INFO } from '@taishan/domain';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

export type SensorRow = Record<string, unknown> & {
  id: string;
  enterprise_id: string;
  credit_code: string;
  region_code: string;
  installation_id: string;
  code: string;
  decommissioned_at: Date | string | null;
  version: number;
};

const SELECT = `SELECT s.*, e.credit_code, e.name AS enterprise_name, m.name AS installation_name, l.ts AS latest_ts, l.value AS latest_value, l.zone,
  l.sensor_id IS NOT NULL AS has_history,
  (SELECT a.severity FROM alarms a WHERE a.sensor_id = s.id AND a.status <> 'cleared'
     ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END LIMIT 1) AS alarm_severity
  FROM sensors s JOIN enterprises e ON e.id = s.enterprise_id JOIN major_hazard_installations m ON m.id = s.installation_id
  LEFT JOIN sensor_latest l ON l.sensor_id = s.id`;
export const SENSOR_SCOPE = { region: 's.region_code', industry: 's.industry_code', enterpriseId: 's.enterprise_id' };

export async function findSensor(tx: Scoped, id: string, forUpdate = false): Promise<SensorRow | undefined> {
  return (await tx.query<SensorRow>(`${SELECT} WHERE s.id = $1 ${forUpdate ? 'FOR UPDATE OF s' : ''}`, [id]))[0];
}

export async function listSensors(tx: Scoped, q: { installationId?: string; enterpriseId?: string }): Promise<SensorRow[]> {
  const params: unknown[] = [];
  const where = [scopeFilter(tx.scope, params, SENSOR_SCOPE)];
  if (q.installationId) where.push(`s.installation_id = $${params.push(q.installationId)}`);
  if (q.enterpriseId) where.push(`s.enterprise_id = $${params.push(q.enterpriseId)}`);
  return tx.query<SensorRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.name, m.name, s.code LIMIT 2000`, params);
}

/** The enterprise of an installation in the caller's scope (undefined when none is visible). */
export async function installationEnterprise(tx: Scoped, installationId: string): Promise<string | undefined> {
  const params: unknown[] = [installationId];
  const where = enterpriseScope(tx, params);
  const [inst] = await tx.query<{ enterprise_id: string }>(
    `SELECT m.enterprise_id FROM major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.id = $1 AND ${where}`,
    params,
  );
  return inst?.enterprise_id;
}

/** Whether a sensor in service of the enterprise has this code already. */
export async function codeTaken(tx: Scoped, enterpriseId: string, code: string): Promise<boolean> {
  const [taken] = await tx.query('SELECT 1 FROM sensors WHERE enterprise_id = $1 AND code = $2 AND decommissioned_at IS NULL', [
    enterpriseId,
    code,
  ]);
  return !!taken;
}

const columns = (b: SensorInput) => [
  b.code,
  b.name,
  b.type,
  b.unit ?? SENSOR_TYPE_INFO[b.type].unit,
  b.rangeMin,
  b.rangeMax,
  b.lowLow ?? null,
  b.low ?? null,
  b.high ?? null,
  b.highHigh ?? null,
  b.hysteresis,
  b.rateLimit,
  b.offlineSeconds,
];

export async function insertSensor(tx: Scoped, enterpriseId: string, b: SensorInput): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max, low_low, low, high, high_high,
       hysteresis, rate_limit, offline_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [b.installationId, enterpriseId, ...columns(b)],
  );
  return row?.id as string;
}

export async function updateSensor(tx: Scoped, id: string, b: SensorInput) {
  await tx.query(
    `UPDATE sensors SET code = $2, name = $3, type = $4, unit = $5, range_min = $6, range_max = $7, low_low = $8, low = $9, high = $10,
       high_high = $11, hysteresis = $12, rate_limit = $13, offline_seconds = $14, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, ...columns(b)],
  );
}

export async function markDecommissioned(tx: Scoped, id: string, username: string) {
  await tx.query(
    'UPDATE sensors SET decommissioned_at = now(), decommissioned_by = $2, version = version + 1, updated_at = now() WHERE id = $1',
    [id, username],
  );
}

/** Alarms of the sensor not yet cleared. */
export async function openAlarmCount(tx: Scoped, sensorId: string): Promise<number> {
  const [open] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM alarms WHERE sensor_id = $1 AND status <> 'cleared'", [
    sensorId,
  ]);
  return open?.n ?? 0;
}

/** Whether the sensor has any readings, latest value, aggregates or alarms (readings carry no reference to it: partitioned). */
export async function hasHistory(tx: Scoped, sensorId: string): Promise<boolean> {
  const [history] = await tx.query<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM sensor_latest WHERE sensor_id = $1) OR EXISTS (SELECT 1 FROM alarms WHERE sensor_id = $1)
       OR EXISTS (SELECT 1 FROM readings WHERE sensor_id = $1) OR EXISTS (SELECT 1 FROM readings_minute WHERE sensor_id = $1) AS yes`,
    [sensorId],
  );
  return !!history?.yes;
}

export async function deleteSensor(tx: Scoped, id: string) {
  await tx.query('DELETE FROM sensors WHERE id = $1', [id]);
}
