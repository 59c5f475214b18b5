// readings_minute: the one-minute aggregates (n, sum, min, max per sensor and minute) charts read
// beyond two hours, and the watermark saying up to where they count every committed reading.
import type { Db, Queryable } from '../../db/db.ts';
import type { Accepted } from './ingest.ts';
import type { Minutes } from './minutes.ts';

const MERGE_MINUTE = `ON CONFLICT (sensor_id, minute) DO UPDATE SET n = readings_minute.n + EXCLUDED.n, sum = readings_minute.sum + EXCLUDED.sum,
  min = least(readings_minute.min, EXCLUDED.min), max = greatest(readings_minute.max, EXCLUDED.max)`;

/** Adds aggregates to readings_minute (one row per sensor and minute in the statement). */
export async function mergeMinutes(tx: Queryable, minutes: Minutes) {
  const cols = {
    id: [] as string[],
    minute: [] as string[],
    n: [] as number[],
    sum: [] as number[],
    min: [] as number[],
    max: [] as number[],
  };
  for (const [id, byMinute] of minutes)
    for (const [minute, a] of byMinute) {
      cols.id.push(id);
      cols.minute.push(new Date(minute).toISOString());
      cols.n.push(a.n);
      cols.sum.push(a.sum);
      cols.min.push(a.min);
      cols.max.push(a.max);
    }
  await tx.query(
    `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::float8[], $5::float8[], $6::float8[])
     ${MERGE_MINUTE}`,
    [cols.id, cols.minute, cols.n, cols.sum, cols.min, cols.max],
  );
}

/** Readings that may already be stored (resent, or out of order): only rows actually written feed the aggregates. */
export async function writeMaybeStored(tx: Queryable, rows: Accepted[]) {
  await tx.query(
    `WITH ins AS (
       INSERT INTO readings (sensor_id, ts, value) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[])
       ON CONFLICT DO NOTHING RETURNING sensor_id, ts, value)
     INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
     SELECT sensor_id, date_trunc('minute', ts), count(*), sum(value), min(value), max(value) FROM ins GROUP BY 1, 2
     ${MERGE_MINUTE}`,
    [rows.map((r) => r.sensor.id), rows.map((r) => new Date(r.ts).toISOString()), rows.map((r) => r.value)],
  );
}

export async function setWatermark(tx: Queryable, completeBefore: number) {
  await tx.query('UPDATE telemetry_watermark SET minutes_complete_before = $1', [new Date(completeBefore).toISOString()]);
}

/** The watermark (Unix ms; 0 when never set). */
export async function readWatermark(db: Queryable): Promise<number> {
  const [w] = await db.query<{ at: string | Date }>('SELECT minutes_complete_before AS at FROM telemetry_watermark');
  return w ? new Date(w.at).getTime() : 0;
}

/** Recounts the aggregates of every minute from `from` on from the readings themselves. */
export async function recountMinutesFrom(db: Db, from: number) {
  const at = new Date(from).toISOString();
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM readings_minute WHERE minute >= $1', [at]);
    await tx.query(
      `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
       SELECT sensor_id, date_trunc('minute', ts), count(*), sum(value), min(value), max(value) FROM readings WHERE ts >= $1 GROUP BY 1, 2`,
      [at],
    );
  });
}
