// Report statistics per sub-region of the caller's jurisdiction: received, outcomes, the share
// found true, average days from receipt to conclusion, rewards decided and paid, and what is
// overdue now. One grouped query over the reports in scope.
import { regionPrefix } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, regionRange } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { childRegionsSql } from '../hazards/dashboard.ts';
import { mayHandle } from './store.ts';

type Counts = {
  received: number;
  rejected: number;
  substantiated: number;
  unsubstantiated: number;
  merged: number;
  open: number;
  overdue: number;
  handling_days: number;
  concluded: number;
  rewards_decided: number;
  rewards_paid: number;
};

const finish = (c: Counts) => {
  const judged = Number(c.substantiated) + Number(c.unsubstantiated);
  return {
    received: Number(c.received),
    rejected: Number(c.rejected),
    substantiated: Number(c.substantiated),
    unsubstantiated: Number(c.unsubstantiated),
    merged: Number(c.merged),
    open: Number(c.open),
    overdue: Number(c.overdue),
    /** Share of verified reports found true (null before any verdict). */
    substantiatedRate: judged ? Math.round((Number(c.substantiated) / judged) * 1000) / 1000 : null,
    /** Mean days from receipt to acceptance refusal, verdict or merge. */
    averageHandlingDays: Number(c.concluded) ? Math.round((Number(c.handling_days) / Number(c.concluded)) * 10) / 10 : null,
    rewardsDecided: Number(c.rewards_decided),
    rewardsPaid: Number(c.rewards_paid),
  };
};

export function reportStatsRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/report-stats',
    access: 'user',
    summary: '举报统计（按下级区划：受理、属实率、平均办理天数、奖励）Report statistics',
    tags: ['reports'],
    query: z.object({
      region: z
        .string()
        .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
        .optional(),
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
    }),
    handler: async ({ query, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const asked = query.region ? regionPrefix(query.region.padEnd(12, '0')) : '';
        // A region outside the caller's own is narrowed back to it.
        const base = asked.startsWith(actor.scope.regionPrefix) ? asked : actor.scope.regionPrefix;
        const regions = childRegionsSql(base);
        const children = await tx.query<{ code: string; name: string; prefix: string }>(regions.sql, regions.params);
        const len = children[0]?.prefix.length ?? 12;
        const p: unknown[] = [len];
        const where = [regionRange('r.region_code', base, p)];
        if (query.from) where.push(`r.received_on >= $${p.push(query.from)}`);
        if (query.to) where.push(`r.received_on <= $${p.push(query.to)}`);
        const rows = await tx.query<Counts & { prefix: string }>(
          `SELECT substr(r.region_code, 1, $1) AS prefix,
             count(*) AS received,
             count(*) FILTER (WHERE r.outcome = 'rejected') AS rejected,
             count(*) FILTER (WHERE r.outcome = 'substantiated') AS substantiated,
             count(*) FILTER (WHERE r.outcome = 'unsubstantiated') AS unsubstantiated,
             count(*) FILTER (WHERE r.outcome = 'merged') AS merged,
             count(*) FILTER (WHERE r.outcome IS NULL) AS open,
             count(*) FILTER (WHERE r.outcome IS NULL AND r.overdue IS NOT NULL) AS overdue,
             coalesce(sum(r.concluded_on - r.received_on), 0) AS handling_days,
             count(r.concluded_on) AS concluded,
             coalesce(sum(r.reward_amount), 0) AS rewards_decided,
             coalesce(sum(r.reward_amount) FILTER (WHERE r.reward_paid_on IS NOT NULL), 0) AS rewards_paid
           FROM reports r WHERE ${where.join(' AND ')} GROUP BY 1`,
          p,
        );
        const zero: Counts = {
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
        const total = { ...zero };
        for (const r of rows) for (const k of Object.keys(zero) as (keyof Counts)[]) total[k] += Number(r[k]);
        const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
        return {
          region: base,
          totals: finish(total),
          byRegion: children.map((c) => ({
            code: c.code,
            name: c.name,
            ...finish(byPrefix.get(c.prefix.padEnd(len, '0').slice(0, len)) ?? zero),
          })),
        };
      });
    },
  });
}
