// Several server processes against one PostgreSQL (README "Scaling out"): what names a process,
// and the advisory lock keys they share. 7171 is the migrations' own (db/migrate.ts); 7174 is
// ensure_reading_partitions' (migration 024).
import { hostname } from 'node:os';

/** TAISHAN_INSTANCE, else host and process id: names this process in logs and scheduled_jobs rows. */
export function instanceName(env = process.env): string {
  const given = env.TAISHAN_INSTANCE?.trim();
  return given ? given.slice(0, 100) : `${hostname()}-${process.pid}`;
}

/** Start-up (migrations, regions, demo data, the report key file): one process at a time. */
export const SETUP_LOCK = 7172;
/** Held for its lifetime by the process running the embedded MQTT broker. */
export const EMBEDDED_BROKER_LOCK = 7173;
/** Held shared by every running process; exclusively by one starting alone (app.ts: minute aggregates). */
export const PRESENCE_LOCK = 7175;
