// The readings table's daily partitions (readings_YYYYMMDD): created ahead of time, listed for
// the window of times a reading may have and for retention.
import type { Queryable } from '../../db/db.ts';

const DAY = 86400000;
const dayOf = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
const PARTITIONS = `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
  WHERE p.relname = 'readings'`;

/** Times (Unix ms, [from, to)) the existing partitions hold. */
export type ReadingsWindow = { from: number; to: number };

/** Daily partitions from yesterday to three days ahead; returns the window of times a reading may have. */
export async function ensurePartitions(db: Queryable, now: number): Promise<ReadingsWindow> {
  const today = new Date(now);
  today.setUTCHours(0, 0, 0, 0);
  const from = new Date(today.getTime() - DAY);
  await db.query('SELECT ensure_reading_partitions($1::date, 5)', [from.toISOString().slice(0, 10)]);
  const [w] = await db.query<{ lo: string | null; hi: string | null }>(
    `SELECT min(substr(relname, 10)) AS lo, max(substr(relname, 10)) AS hi FROM (${PARTITIONS}) p`,
  );
  return w?.lo && w.hi ? { from: dayOf(w.lo), to: dayOf(w.hi) + DAY } : { from: 0, to: 0 };
}

/** The daily partitions of days before `cutoff` (YYYYMMDD), oldest first. */
export async function partitionsBefore(tx: Queryable, cutoff: string): Promise<string[]> {
  return (await tx.query<{ relname: string }>(`${PARTITIONS} AND substr(c.relname, 10) < $1`, [cutoff]))
    .map((o) => o.relname)
    .filter((relname) => /^readings_\d{8}$/.test(relname))
    .sort();
}

/** Drops a partition named by partitionsBefore (locks the readings table until commit). */
export async function dropPartition(tx: Queryable, relname: string) {
  if (!/^readings_\d{8}$/.test(relname)) throw new Error(`not a readings partition: ${relname}`);
  await tx.query(`DROP TABLE ${relname}`);
}
