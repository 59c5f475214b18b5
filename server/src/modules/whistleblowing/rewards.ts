// Reward rules per province (举报奖励标准) and the decision that applies them. A province without
// its own rule uses the national default row ('00'), else the built-in national rule.
import {
  computeReward,
  maySetRewardRule,
  maySetSomeRewardRule,
  NATIONAL_REWARD_RULE,
  type RewardFacts,
  type RewardRule,
  rewardRuleSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { forbidden, invalid } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { ReportRow } from './store.ts';

export async function rewardRuleFor(q: Queryable, province: string): Promise<{ province: string; rule: RewardRule }> {
  const rows = await q.query<{ province: string; rule: RewardRule }>(
    `SELECT province, rule FROM report_reward_rules WHERE province IN ($1, '00') ORDER BY province = '00'`,
    [province],
  );
  return rows[0] ?? { province: '00', rule: NATIONAL_REWARD_RULE };
}

/** The reward for a report under its province's rule, or a 400 naming what is missing. */
export async function decideReward(q: Queryable, r: ReportRow, facts: Omit<RewardFacts, 'category'>) {
  const { province, rule } = await rewardRuleFor(q, r.region_code.slice(0, 2));
  const d = computeReward(rule, { ...facts, category: r.category });
  if ('error' in d) throw invalid({ [`reward.${d.error.field}`]: { zh: d.error.zh, en: d.error.en } });
  return { ...d, rule: { province, ...rule } };
}

const provinceParams = z.object({ province: z.string().regex(/^\d{2}$/, '省级区划为两位数字||Province is two digits') });

export function rewardRuleRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/report-reward-rules',
    access: 'user',
    summary: '各省举报奖励标准 Reward rules by province',
    tags: ['reports'],
    handler: async ({ actor }) => {
      const rows = await db.query<{ province: string; rule: RewardRule; updated_by: string; updated_at: Date }>(
        `SELECT k.province, k.rule, k.updated_by, k.updated_at FROM report_reward_rules k ORDER BY k.province`,
      );
      // What the actor may do: set some province's rule (allowedActions), edit the national
      // default (nationalAllowedActions), edit each listed rule (its allowedActions).
      const edit = (province: string): 'edit'[] => (maySetRewardRule(actor, province) ? ['edit'] : []);
      return {
        national: NATIONAL_REWARD_RULE,
        allowedActions: maySetSomeRewardRule(actor) ? (['set'] as const) : [],
        nationalAllowedActions: edit('00'),
        items: rows.map((r) => ({
          province: r.province,
          rule: r.rule,
          updatedBy: r.updated_by,
          updatedAt: new Date(r.updated_at).toISOString(),
          allowedActions: edit(r.province),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/report-reward-rules/:province',
    access: 'user',
    summary: '设置本省举报奖励标准 Set a province’s reward rule',
    tags: ['reports'],
    params: provinceParams,
    body: rewardRuleSchema,
    handler: async ({ params, body, actor }) => {
      if (!maySetRewardRule(actor, params.province)) throw forbidden();
      if (body.minimum > body.maximum)
        throw invalid({ minimum: { zh: '最低奖励不能高于最高奖励', en: 'The minimum exceeds the maximum' } });
      return db.transaction(async (tx) => {
        const [before] = await tx.query<{ rule: RewardRule }>('SELECT rule FROM report_reward_rules WHERE province = $1 FOR UPDATE', [
          params.province,
        ]);
        await tx.query(
          `INSERT INTO report_reward_rules (province, rule, updated_by) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (province) DO UPDATE SET rule = EXCLUDED.rule, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [params.province, JSON.stringify(body), actor.username],
        );
        await appendAudit(tx, actor, {
          action: 'report.rewardRule',
          entityType: 'rewardRule',
          entityId: null,
          regionCode: params.province.padEnd(12, '0'),
          before: before?.rule ?? null,
          after: body,
        });
        return { province: params.province, rule: body };
      });
    },
  });
}
