// 突发公共卫生事件's scheduled job (issue 28). Owner: events. Wired by the lead into the scheduled
// jobs of main.ts: `runPhEventsJobs(db, now)` raises the cluster signals of `now` (idempotent: a
// cluster whose signal is open, or was handled within its window, raises nothing).
import type { Db } from '../../db/db.ts';
import { detectClusters } from './events-service.ts';

export async function runPhEventsJobs(db: Db, now = new Date()): Promise<{ signals: number }> {
  const ids = await db.transaction((tx) => detectClusters(tx, now));
  return { signals: ids.length };
}
