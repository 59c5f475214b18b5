// The SQL of 应急预案与备案 (issue 27, migration 044). Owner: plans. Every request query runs on a
// Scoped handle (row-level security is the second wall, scopeFilter the first).
//
// Cross-part interface (CONTRACT.md): recordRevisionTrigger(tx, actor, { planId, kind, source?, note })
// records a revision trigger (令第88号 Art. 36 / 条例 Art. 6 ¶2) on a plan inside the caller's
// transaction, with the plan's timeline event and the audit event; the same source (type + id) on
// the same plan and kind is recorded once (the second call returns the first id).
import type { Actor } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Queryable } from '../../db/db.ts';
import { conflict, notFound } from '../../http/errors.ts';

export const REVISION_TRIGGER_KINDS = [
  'lawChanged',
  'organisationChanged',
  'riskChanged',
  'resourcesChanged',
  'problemFound',
  'other',
] as const;
export type RevisionTriggerKind = (typeof REVISION_TRIGGER_KINDS)[number];

export type RevisionTriggerInput = {
  planId: string;
  kind: RevisionTriggerKind;
  source?: { type: 'drill' | 'accident' | 'installation' | string; id: string };
  note: string;
};

/** Records a revision trigger on a plan the caller's scope can see; audited inside. */
export async function recordRevisionTrigger(
  tx: Queryable,
  actor: Pick<Actor, 'id' | 'username'> | null,
  input: RevisionTriggerInput,
): Promise<{ id: string }> {
  if (!(REVISION_TRIGGER_KINDS as readonly string[]).includes(input.kind))
    throw conflict({ zh: `修订情形类型无效：${input.kind}`, en: `Unknown revision trigger kind: ${input.kind}` });
  const [plan] = await tx.query<{ id: string; status: string; region_code: string }>(
    'SELECT id, status, region_code FROM emergency_plans WHERE id = $1 FOR UPDATE',
    [input.planId],
  );
  if (!plan) throw notFound();
  if (plan.status === 'abolished')
    throw conflict({ zh: '预案已废止，不能登记修订情形', en: 'The plan is abolished: no revision trigger can be recorded' });
  const note = input.note.trim() || '—';
  const sourceType = input.source?.type ?? null;
  const sourceId = input.source?.id ?? null;
  if (sourceId) {
    const [existing] = await tx.query<{ id: string }>(
      'SELECT id FROM emergency_plan_triggers WHERE plan_id = $1 AND kind = $2 AND source_type = $3 AND source_id = $4',
      [input.planId, input.kind, sourceType, sourceId],
    );
    if (existing) return { id: existing.id };
  }
  const who = actor ?? { id: null, username: 'system' };
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_plan_triggers (plan_id, kind, source_type, source_id, note, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [input.planId, input.kind, sourceType, sourceId, note, who.id, who.username],
  );
  const id = (row as { id: string }).id;
  await tx.query(
    `INSERT INTO emergency_plan_events (plan_id, action, from_status, to_status, actor_id, actor_name, note)
     VALUES ($1, 'recordTrigger', $2, $2, $3, $4, $5)`,
    [input.planId, plan.status, who.id, who.username, note],
  );
  await appendAudit(tx, who, {
    action: 'emergencyPlans.recordTrigger',
    entityType: 'emergencyPlan',
    entityId: input.planId,
    regionCode: plan.region_code,
    after: { triggerId: id, kind: input.kind, source: input.source ?? null, note },
  });
  return { id };
}
