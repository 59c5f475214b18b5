// Deadlines and escalation (逾期升级): a job marks open hazards whose deadline has passed as
// overdue and escalates each to the next tier up, with an inbox notice to the enterprise's admins
// and to the supervisors of that tier whose jurisdiction holds the enterprise. Runs as the system.
import { nextTier, TIER_LEVEL_LABELS, type Tier } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { homeRegionHolds } from '../../db/scope.ts';
import { todayInShanghai } from '../../time.ts';

const SUPERVISOR_OF: Record<Tier, string> = {
  self: 'enterpriseAdmin',
  patrol: 'townshipSupervisor',
  county: 'countySupervisor',
  city: 'citySupervisor',
  province: 'provinceSupervisor',
};

export async function escalateOverdue(db: Db, today = todayInShanghai()): Promise<number> {
  const due = await db.query<{ id: string }>(
    `SELECT id FROM hazards WHERE status NOT IN ('closed', 'cancelled') AND NOT overdue
       AND (deadline < $1::date OR listing_deadline < $1::date) ORDER BY deadline LIMIT 5000`,
    [today],
  );
  let n = 0;
  for (const { id } of due) {
    // One transaction per hazard: a lock, a re-check, the change, its audit event and the notices.
    const done = await db.transaction(async (tx) => {
      const [h] = await tx.query<{
        id: string;
        status: string;
        found_tier: Tier;
        listed_tier: Tier | null;
        description: string;
        number: string | null;
        enterprise_id: string;
        region_code: string;
      }>(
        `SELECT h.id, h.status, h.found_tier, h.listed_tier, h.description, h.number, h.enterprise_id, h.region_code
         FROM hazards h
         WHERE h.id = $1 AND NOT h.overdue AND h.status NOT IN ('closed', 'cancelled') FOR UPDATE OF h`,
        [id],
      );
      if (!h) return false;
      const to = nextTier(h.listed_tier ?? h.found_tier);
      await tx.query(`UPDATE hazards SET overdue = true, escalated_tier = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        to,
      ]);
      await tx.query(
        `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, reason) VALUES ($1, 'escalate', $2, $2, 'system', $3)`,
        [id, h.status, `逾期未整改，升级至${TIER_LEVEL_LABELS[to].zh}`],
      );
      await tx.query(
        `INSERT INTO notifications (user_id, kind, title, link)
         SELECT u.id, 'hazardOverdue', $2, $3 FROM users u
         WHERE NOT u.disabled AND (
           (u.role IN ('enterpriseAdmin', 'enterpriseStaff') AND u.enterprise_id = $1)
           OR (u.role = $4 AND ${homeRegionHolds('u', '$5')}))`,
        [h.enterprise_id, `隐患逾期未整改：${hazardTitle(h)}`, `/hazards/${id}`, SUPERVISOR_OF[to], h.region_code],
      );
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'hazard.escalate',
          entityType: 'hazard',
          entityId: id,
          regionCode: h.region_code,
          after: { overdue: true, escalatedTier: to },
        },
      );
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** A hazard as a notice names it: its number, then what it is. */
export const hazardTitle = (h: { number: string | null; description: string }) =>
  `${h.number ? `${h.number} ` : ''}${h.description.slice(0, 40)}`;
