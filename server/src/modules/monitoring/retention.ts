// Retention (READINGS_RETENTION_DAYS): what is older than the setting goes — daily reading
// partitions with their minute aggregates, and dead letters.
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { dropPartition, partitionsBefore } from './partitions-store.ts';

/**
 * Drops daily reading partitions older than `days`, with their minute aggregates, and deletes
 * dead letters received before then — a gateway sending junk would otherwise fill that table
 * without end. One audit event says what goes, in the same transaction as the partitions and
 * aggregates, so nothing is dropped unaudited. Dead letters then go in chunks of 10,000, each its
 * own statement, so a large backlog never holds one long transaction; the event counts them
 * beforehand (none can join them: a dead letter is received now), and a run cut off half-way
 * leaves the rest to the next, which counts and audits them again. The caller recomputes the
 * readings window when partitions went.
 */
export async function expireOlderThan(db: Db, days: number, now: number): Promise<{ partitions: number; deadLetters: number }> {
  const cutoffAt = new Date(now - days * 86400000);
  const cutoff = cutoffAt.toISOString().slice(0, 10).replace(/-/g, '');
  const expired = await db.transaction(async (tx) => {
    const old = await partitionsBefore(tx, cutoff);
    const [dead] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE received_at < $1', [
      cutoffAt.toISOString(),
    ]);
    const deadLetters = dead?.n ?? 0;
    if (!old.length && !deadLetters) return { partitions: 0, deadLetters };
    await tx.query('DELETE FROM readings_minute WHERE minute < $1::date', [
      `${cutoff.slice(0, 4)}-${cutoff.slice(4, 6)}-${cutoff.slice(6, 8)}`,
    ]);
    // Dropped last: a partition's drop locks the readings table until commit.
    for (const relname of old) await dropPartition(tx, relname);
    await appendAudit(
      tx,
      { id: null, username: 'system' },
      { action: 'telemetry.expire', entityType: 'readings', after: { retentionDays: days, partitions: old, deadLetters } },
    );
    return { partitions: old.length, deadLetters };
  });
  while (expired.deadLetters) {
    const chunk = await db.query<{ id: string }>(
      `DELETE FROM telemetry_dead_letters WHERE id IN
         (SELECT id FROM telemetry_dead_letters WHERE received_at < $1 ORDER BY received_at LIMIT 10000) RETURNING id`,
      [cutoffAt.toISOString()],
    );
    if (chunk.length < 10000) break;
  }
  return expired;
}
