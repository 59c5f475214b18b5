// Report statistics per sub-region of the caller's jurisdiction: received, outcomes, the share
// found true, average days from receipt to conclusion, rewards decided and paid, and what is
// overdue now. One grouped query over the reports in scope (store.ts's statsByPrefix).
import { type Actor, type ReportStats, type ReportStatsNumbers, regionPrefix } from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { childRegionsSql } from '../hazards/dashboard.ts';
import { mustHandle } from './service.ts';
import { type StatsCounts, statsByPrefix } from './store.ts';

const ZERO: StatsCounts = {
  received: 0,
  rejected: 0,
  substantiated: 0,
  unsubstantiated: 0,
  merged: 0,
  open: 0,
  overdue: 0,
  handling_days: 0,
  concluded: 0,
  rewards_decided: 0,
  rewards_paid: 0,
};

/** The answer's numbers from the counts (the drivers return bigint counts as strings). */
function finish(c: StatsCounts): ReportStatsNumbers {
  const judged = Number(c.substantiated) + Number(c.unsubstantiated);
  return {
    received: Number(c.received),
    rejected: Number(c.rejected),
    substantiated: Number(c.substantiated),
    unsubstantiated: Number(c.unsubstantiated),
    merged: Number(c.merged),
    open: Number(c.open),
    overdue: Number(c.overdue),
    substantiatedRate: judged ? Math.round((Number(c.substantiated) / judged) * 1000) / 1000 : null,
    averageHandlingDays: Number(c.concluded) ? Math.round((Number(c.handling_days) / Number(c.concluded)) * 10) / 10 : null,
    rewardsDecided: Number(c.rewards_decided),
    rewardsPaid: Number(c.rewards_paid),
  };
}

export function reportStats(db: Db, actor: Actor, query: { region?: string; from?: string; to?: string }): Promise<ReportStats> {
  mustHandle(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const asked = query.region ? regionPrefix(query.region.padEnd(12, '0')) : '';
    // A region outside the caller's own is narrowed back to it.
    const base = asked.startsWith(actor.scope.regionPrefix) ? asked : actor.scope.regionPrefix;
    const regions = childRegionsSql(base);
    const children = await tx.query<{ code: string; name: string; prefix: string }>(regions.sql, regions.params);
    const len = children[0]?.prefix.length ?? 12;
    const rows = await statsByPrefix(tx, base, len, query.from, query.to);
    const total = { ...ZERO };
    for (const r of rows) for (const k of Object.keys(ZERO) as (keyof StatsCounts)[]) total[k] += Number(r[k]);
    const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
    return {
      region: base,
      totals: finish(total),
      byRegion: children.map((c) => ({
        code: c.code,
        name: c.name,
        ...finish(byPrefix.get(c.prefix.padEnd(len, '0').slice(0, len)) ?? ZERO),
      })),
    };
  });
}
