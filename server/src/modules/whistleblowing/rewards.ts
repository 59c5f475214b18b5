// Reward rules per province (举报奖励标准) and the decision that applies them. A province without
// its own rule uses the national default row ('00'), else the built-in national rule. Who may set
// a rule is domain's maySetRewardRule; the SQL is in store.ts.
import {
  type Actor,
  computeReward,
  maySetRewardRule,
  maySetSomeRewardRule,
  NATIONAL_REWARD_RULE,
  ownRewardProvince,
  type RewardFacts,
  type RewardRule,
  type RewardRules,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { forbidden, invalid } from '../../http/errors.ts';
import { lockRewardRule, type ReportRow, rewardRuleRows, storedRewardRule, upsertRewardRule } from './store.ts';

export async function rewardRuleFor(q: Queryable, province: string): Promise<{ province: string; rule: RewardRule }> {
  return (await storedRewardRule(q, province)) ?? { province: '00', rule: NATIONAL_REWARD_RULE };
}

/** The reward for a report under its province's rule, or a 400 naming what is missing. */
export async function decideReward(q: Queryable, r: ReportRow, facts: Omit<RewardFacts, 'category'>) {
  const { province, rule } = await rewardRuleFor(q, r.region_code.slice(0, 2));
  const d = computeReward(rule, { ...facts, category: r.category });
  if ('error' in d) throw invalid({ [`reward.${d.error.field}`]: { zh: d.error.zh, en: d.error.en } });
  return { ...d, rule: { province, ...rule } };
}

/**
 * Every rule, with what the actor may do: set some province's rule (allowedActions), edit the
 * national default (nationalAllowedActions), edit each listed rule (its allowedActions).
 */
export async function rewardRules(db: Db, actor: Actor): Promise<RewardRules> {
  const rows = await rewardRuleRows(db);
  const edit = (province: string): 'edit'[] => (maySetRewardRule(actor, province) ? ['edit'] : []);
  return {
    national: NATIONAL_REWARD_RULE,
    allowedActions: maySetSomeRewardRule(actor) ? ['set'] : [],
    nationalAllowedActions: edit('00'),
    ownProvince: ownRewardProvince(actor),
    items: rows.map((r) => ({
      province: r.province,
      rule: r.rule,
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at).toISOString(),
      allowedActions: edit(r.province),
    })),
  };
}

export function setRewardRule(db: Db, actor: Actor, province: string, rule: RewardRule) {
  if (!maySetRewardRule(actor, province)) throw forbidden();
  if (rule.minimum > rule.maximum) throw invalid({ minimum: { zh: '最低奖励不能高于最高奖励', en: 'The minimum exceeds the maximum' } });
  return db.transaction(async (tx) => {
    const before = await lockRewardRule(tx, province);
    await upsertRewardRule(tx, province, rule, actor.username);
    await appendAudit(tx, actor, {
      action: 'report.rewardRule',
      entityType: 'rewardRule',
      entityId: null,
      regionCode: province.padEnd(12, '0'),
      before: before ?? null,
      after: rule,
    });
    return { province, rule };
  });
}
