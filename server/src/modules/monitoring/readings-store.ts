// The pipeline's SQL besides alarms and aggregates: the sensor registry as the pipeline loads it,
// readings written in bulk, sensors' latest values, dead letters, and the sensors gone silent.
import { configOf, INITIAL_STATE, type SensorState, type ThresholdLevel } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { encodeReadings, uuidBytes } from './copy-binary.ts';
import type { Accepted, Dead, EnterpriseEntry, SensorEntry } from './ingest.ts';

/** An enterprise's sensors by code with their state as last stored (null: no such credit code). */
export async function loadEnterpriseSensors(db: Queryable, creditCode: string): Promise<EnterpriseEntry> {
  const [e] = await db.query<{ id: string }>('SELECT id FROM enterprises WHERE credit_code = $1', [creditCode]);
  if (!e) return null;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT s.*, l.ts AS last_ts, l.value AS last_value, l.zone, l.rate_high,
       EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.kind = 'offline' AND a.status <> 'cleared' AND a.condition_active) AS offline
     FROM sensors s LEFT JOIN sensor_latest l ON l.sensor_id = s.id WHERE s.enterprise_id = $1
     ORDER BY s.decommissioned_at IS NULL, s.decommissioned_at`,
    [e.id],
  );
  const sensors = new Map<string, SensorEntry>();
  for (const r of rows) {
    const n = (k: string) => (r[k] === null || r[k] === undefined ? undefined : Number(r[k]));
    sensors.set(r.code as string, {
      id: r.id as string,
      idBytes: uuidBytes(r.id as string),
      code: r.code as string,
      enterpriseId: e.id,
      regionCode: r.region_code as string,
      industryCode: r.industry_code as string,
      config: configOf({
        rangeMin: Number(r.range_min),
        rangeMax: Number(r.range_max),
        lowLow: n('low_low'),
        low: n('low'),
        high: n('high'),
        highHigh: n('high_high'),
        hysteresis: Number(r.hysteresis),
        rateLimit: n('rate_limit') ?? null,
        offlineSeconds: Number(r.offline_seconds),
      }),
      state:
        r.last_ts === null
          ? INITIAL_STATE
          : {
              zone: (r.zone as ThresholdLevel | null) ?? null,
              lastValue: Number(r.last_value),
              lastTs: new Date(r.last_ts as string).getTime(),
              rateHigh: Boolean(r.rate_high),
            },
      offline: Boolean(r.offline),
      // Decommissioned ones first: one in service with the same code (its replacement) takes the code.
      decommissioned: r.decommissioned_at !== null,
      savedTs: r.last_ts === null ? null : new Date(r.last_ts as string).getTime(),
      savedAt: 0,
    });
  }
  return { id: e.id, sensors };
}

/** Readings known to be new: one bulk write (binary COPY where the driver has it); their aggregates are planned by the caller. */
export async function writeFresh(tx: Queryable, rows: Accepted[]) {
  if (tx.copyFrom) await tx.copyFrom('COPY readings (sensor_id, ts, value) FROM STDIN (FORMAT binary)', encodeReadings(rows));
  else
    await tx.query('INSERT INTO readings (sensor_id, ts, value) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[])', [
      rows.map((r) => r.sensor.id),
      rows.map((r) => new Date(r.ts).toISOString()),
      rows.map((r) => r.value),
    ]);
}

/** Sensors' latest values (never moving one back to an older reading). */
export async function saveLatest(tx: Queryable, save: Map<SensorEntry, SensorState>) {
  const rows = [...save.entries()];
  await tx.query(
    `INSERT INTO sensor_latest (sensor_id, ts, value, zone, rate_high)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::text[], $5::boolean[])
     ON CONFLICT (sensor_id) DO UPDATE SET ts = EXCLUDED.ts, value = EXCLUDED.value, zone = EXCLUDED.zone, rate_high = EXCLUDED.rate_high
       WHERE EXCLUDED.ts >= sensor_latest.ts`,
    [
      rows.map(([s]) => s.id),
      rows.map(([, st]) => new Date(st.lastTs as number).toISOString()),
      rows.map(([, st]) => st.lastValue),
      rows.map(([, st]) => st.zone),
      rows.map(([, st]) => st.rateHigh),
    ],
  );
}

export async function insertDeadLetters(tx: Queryable, dead: Dead[]) {
  await tx.query(
    `INSERT INTO telemetry_dead_letters (source, credit_code, reason, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [dead.map((d) => d.source), dead.map((d) => d.creditCode), dead.map((d) => d.reason), dead.map((d) => d.payload)],
  );
}

export type SilentSensor = {
  id: string;
  code: string;
  enterprise_id: string;
  region_code: string;
  industry_code: string;
  credit_code: string;
  value: number;
};

/** Sensors in service silent longer than their timeout (by sensor_latest) without an active offline alarm. */
export async function silentSensors(db: Queryable, now: number): Promise<SilentSensor[]> {
  return db.query<SilentSensor>(
    `SELECT s.id, s.code, s.enterprise_id, s.region_code, s.industry_code, e.credit_code, l.value FROM sensors s
     JOIN sensor_latest l ON l.sensor_id = s.id JOIN enterprises e ON e.id = s.enterprise_id
     WHERE l.ts < $1::timestamptz - make_interval(secs => s.offline_seconds) AND s.decommissioned_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.kind = 'offline' AND a.status <> 'cleared' AND a.condition_active)
     LIMIT 1000`,
    [new Date(now).toISOString()],
  );
}
