// Telemetry's reads for the routes: the enterprise a user sends readings for, a sensor's series,
// the per-installation status of the wall, and the dead letters operators look at.
import type { Db } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { SENSOR_SCOPE } from './sensors-store.ts';

/** The credit code of the enterprise named (or the user's own) when it is in the caller's scope. */
export async function creditCodeInScope(tx: Scoped, by: { creditCode: string } | { enterpriseId: string }): Promise<string | undefined> {
  const p: unknown[] = [];
  const where = [enterpriseScope(tx, p)];
  if ('creditCode' in by) where.push(`e.credit_code = $${p.push(by.creditCode)}`);
  else where.push(`e.id = $${p.push(by.enterpriseId)}`);
  const [e] = await tx.query<{ credit_code: string }>(`SELECT e.credit_code FROM enterprises e WHERE ${where.join(' AND ')}`, p);
  return e?.credit_code;
}

export type SeriesPoint = [string, number, number, number];

/** Raw readings ('raw') or minute aggregates ('minute': mean, min, max) of a sensor between two times. */
export async function sensorSeries(
  tx: Scoped,
  sensorId: string,
  from: Date,
  to: Date,
  resolution: 'raw' | 'minute',
): Promise<SeriesPoint[]> {
  const rows =
    resolution === 'raw'
      ? await tx.query<{ t: Date; v: number; lo: number; hi: number }>(
          'SELECT ts AS t, value AS v, value AS lo, value AS hi FROM readings WHERE sensor_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts LIMIT 20000',
          [sensorId, from.toISOString(), to.toISOString()],
        )
      : await tx.query<{ t: Date; v: number; lo: number; hi: number }>(
          'SELECT minute AS t, sum / n AS v, min AS lo, max AS hi FROM readings_minute WHERE sensor_id = $1 AND minute >= $2 AND minute <= $3 ORDER BY minute LIMIT 20000',
          [sensorId, from.toISOString(), to.toISOString()],
        );
  return rows.map((r) => [new Date(r.t).toISOString(), Number(r.v), Number(r.lo), Number(r.hi)] as SeriesPoint);
}

/** 一表清: per installation, its sensors in service, those online, and those with an open alarm per severity. */
export async function installationStatus(tx: Scoped) {
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
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    grade: (r.grade as number | null) ?? null,
    enterpriseId: r.enterprise_id as string,
    enterpriseName: r.enterprise_name as string,
    regionCode: r.region_code as string,
    sensors: r.sensors as number,
    online: r.online as number,
    alarms: { critical: r.critical as number, major: r.major as number, warning: r.warning as number },
  }));
}

/** Dead letters of the last day by reason, and the 50 newest. */
export async function deadLetterSummary(db: Db) {
  const last24h = await db.query<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM telemetry_dead_letters WHERE received_at > now() - interval '24 hours'
     GROUP BY reason ORDER BY n DESC`,
  );
  const recent = await db.query<Record<string, unknown>>(
    'SELECT received_at, source, credit_code, reason, payload FROM telemetry_dead_letters ORDER BY id DESC LIMIT 50',
  );
  return {
    last24h,
    recent: recent.map((r) => ({
      receivedAt: new Date(r.received_at as string).toISOString(),
      source: r.source as string,
      creditCode: r.credit_code as string | null,
      reason: r.reason as string,
      payload: r.payload as string,
    })),
  };
}
