// Scheduled work on reports, run as the system:
// - escalation: a report not accepted by its acceptance deadline, or not concluded by its
//   conclusion deadline, is escalated one tier up (county → city → province) with an inbox
//   notice to the supervisors of that tier and of the handling county;
// - retention: reports found untrue or not accepted, concluded longer ago than the retention
//   period (default 365 days, REPORT_RETENTION_DAYS), are deleted with their messages and
//   files — rows and stored bytes. The audit trail keeps only that a report was purged.
import { PUBLIC_REPORT_OPEN_STATUSES } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import type { FileStore } from '../../storage/files.ts';
import { todayInShanghai } from '../../time.ts';

export const DEFAULT_REPORT_RETENTION_DAYS = 365;

const NEXT: Record<string, { tier: 'city' | 'province'; role: string; digits: number }> = {
  none: { tier: 'city', role: 'citySupervisor', digits: 4 },
  city: { tier: 'province', role: 'provinceSupervisor', digits: 2 },
};

export async function escalateOverdueReports(db: Db, today = todayInShanghai()): Promise<number> {
  // A report escalates once per missed deadline: at acceptance, then at conclusion.
  const due = await db.query<{ id: string }>(
    `SELECT id FROM reports WHERE status = ANY($2) AND (
       (status = 'received' AND accept_due < $1::date AND overdue IS NULL)
       OR (conclude_due < $1::date AND overdue IS DISTINCT FROM 'conclude'))
     ORDER BY conclude_due LIMIT 5000`,
    [today, PUBLIC_REPORT_OPEN_STATUSES],
  );
  let n = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [r] = await tx.query<{
        status: string;
        region_code: string;
        accept_due: string;
        conclude_due: string;
        overdue: string | null;
        escalated_tier: string | null;
      }>(
        `SELECT status, region_code, accept_due::text, conclude_due::text, overdue, escalated_tier FROM reports
         WHERE id = $1 AND status = ANY($2) FOR UPDATE`,
        [id, PUBLIC_REPORT_OPEN_STATUSES],
      );
      if (!r) return false;
      const kind = r.conclude_due < today ? 'conclude' : 'accept';
      if (r.overdue === kind) return false;
      const next = NEXT[r.escalated_tier ?? 'none'];
      const tier = next?.tier ?? r.escalated_tier;
      await tx.query('UPDATE reports SET overdue = $2, escalated_tier = $3, version = version + 1 WHERE id = $1', [id, kind, tier]);
      const what = kind === 'accept' ? '逾期未受理' : '逾期未办结';
      await tx.query(
        `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, reason) VALUES ($1, 'escalate', $2, $2, 'system', $3)`,
        [id, r.status, `${what}，升级至${tier === 'city' ? '市级' : '省级'}督办`],
      );
      // The tier above and the county that handles it (its prefix: the first six digits).
      await tx.query(
        `INSERT INTO notifications (user_id, kind, title, link)
         SELECT u.id, 'reportOverdue', $2, $3 FROM users u
         WHERE NOT u.disabled AND u.department_id IS NULL AND u.region_code IS NOT NULL AND (
           (u.role = $4 AND left(u.region_code, $5) = left($1, $5))
           OR (u.role = 'countySupervisor' AND left(u.region_code, 6) = left($1, 6)))`,
        [r.region_code, `举报${what}，已升级督办`, `/reports/${id}`, next?.role ?? 'provinceSupervisor', next?.digits ?? 2],
      );
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'report.escalate',
          entityType: 'report',
          entityId: id,
          regionCode: r.region_code,
          after: { overdue: kind, escalatedTier: tier },
        },
      );
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** Deletes expired untrue/unaccepted reports and their files; returns how many reports went. */
export async function purgeExpiredReports(
  db: Db,
  files: FileStore,
  retentionDays = DEFAULT_REPORT_RETENTION_DAYS,
  today = todayInShanghai(),
) {
  const expired = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM reports WHERE outcome IN ('rejected', 'unsubstantiated') AND concluded_on < $1::date - $2::int
       AND NOT EXISTS (SELECT 1 FROM reports m WHERE m.merged_into = reports.id) LIMIT 5000`,
    [today, retentionDays],
  );
  for (const r of expired) {
    const keys = await db.transaction(async (tx) => {
      const stored = await tx.query<{ storage_key: string }>('SELECT storage_key FROM report_files WHERE report_id = $1', [r.id]);
      // Messages, transitions, files and reveal requests go with the row (ON DELETE CASCADE).
      await tx.query('DELETE FROM reports WHERE id = $1', [r.id]);
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'report.purge',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          after: { retentionDays, files: stored.length },
        },
      );
      return stored.map((s) => s.storage_key);
    });
    // After the commit: a crash here leaves unreadable ciphertext without a row, never a row without its file.
    for (const key of keys) await files.delete(key);
  }
  return expired.length;
}
