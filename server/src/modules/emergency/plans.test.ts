// 应急预案与备案 through the HTTP API and the store, on both databases (issue 27, owner: plans).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withScope } from '../../db/scope.ts';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { recordRevisionTrigger } from './plans-store.ts';

describe('emergency plans', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  test('recordRevisionTrigger: recorded once per source, audited, refused on an unknown plan', async () => {
    const [p] = await t.db.query<{ id: string }>(
      `INSERT INTO emergency_plans (owner_kind, enterprise_id, region_code, plan_type, title)
       SELECT 'enterprise', id, region_code, 'comprehensive', '综合应急预案' FROM enterprises WHERE id = $1 RETURNING id`,
      [t.enterpriseId],
    );
    const planId = (p as { id: string }).id;
    const actor = { id: t.ids.county, username: 'cast-county' };
    const scope = { regionPrefix: '320582', enterpriseId: null, industries: null };
    const a = await withScope(t.db, scope, (tx) =>
      recordRevisionTrigger(tx, actor, { planId, kind: 'problemFound', source: { type: 'drill', id: 'd1' }, note: '演练发现疏散路线不清' }),
    );
    const b = await withScope(t.db, scope, (tx) =>
      recordRevisionTrigger(tx, actor, { planId, kind: 'problemFound', source: { type: 'drill', id: 'd1' }, note: '重复' }),
    );
    assert.equal(a.id, b.id);
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_plan_triggers WHERE plan_id = $1', [planId]);
    assert.equal(n?.n, 1);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'emergencyPlans.recordTrigger' AND entity_id = $1",
      [planId],
    );
    assert.equal(audit?.n, 1);
    // Another county cannot see the plan: not found.
    await assert.rejects(
      withScope(t.db, { regionPrefix: '320583', enterpriseId: null, industries: null }, (tx) =>
        recordRevisionTrigger(tx, actor, { planId, kind: 'other', note: 'x' }),
      ),
      (e: { code?: string }) => e.code === 'not_found',
    );
  });
});
