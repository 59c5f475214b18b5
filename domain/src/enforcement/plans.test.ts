import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import {
  campaignInputSchema,
  campaignPhase,
  checkCapacity,
  generatePlanItems,
  monthlyProgress,
  PLAN_STATUSES,
  type PlanStatus,
  planActions,
  planTotals,
  spreadMonths,
} from './plans.ts';

const actor = (role: Role, id = 'u'): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
});

test('months spread over the year, shifted per enterprise', () => {
  assert.deepEqual(spreadMonths(1, 0), [1]);
  assert.deepEqual(spreadMonths(1, 5), [6]);
  assert.deepEqual(spreadMonths(2, 0), [1, 7]);
  assert.deepEqual(spreadMonths(2, 1), [2, 8]);
  assert.deepEqual(spreadMonths(4, 2), [3, 6, 9, 12]);
  assert.deepEqual(spreadMonths(4, 3), [1, 4, 7, 10], 'the shift wraps inside the step');
  assert.deepEqual(spreadMonths(0, 0), []);
  assert.equal(spreadMonths(24, 0).length, 24);
});

test('plan generation: key classes by name with months, the rest general; totals and capacity', () => {
  const items = generatePlanItems(
    [
      { enterpriseId: 'a', class: 'A' },
      { enterpriseId: 'b', class: 'B' },
      { enterpriseId: 'c1', class: 'C' },
      { enterpriseId: 'c2', class: 'C' },
      { enterpriseId: 'd', class: 'D' },
    ],
    { frequency: { A: 1, B: 2, C: 3, D: 4 }, keyClassFrom: 'C' },
  );
  assert.deepEqual(
    items.map((i) => [i.enterpriseId, i.kind, i.plannedCount, i.months]),
    [
      ['a', 'general', 1, []],
      ['b', 'general', 2, []],
      ['c1', 'key', 3, [1, 5, 9]],
      ['c2', 'key', 3, [2, 6, 10]],
      ['d', 'key', 4, [1, 4, 7, 10]],
    ],
  );
  const totals = planTotals(items, 30);
  assert.deepEqual(totals, {
    keyEnterprises: 3,
    generalEnterprises: 2,
    keyInspections: 10,
    generalInspections: 3,
    expectedGeneralInspections: 1,
    plannedInspections: 11,
  });
  // 2 officers × 249 working days × 50 % = 249 officer-days; 11 inspections × 1 day × 2 = 22.
  assert.deepEqual(
    checkCapacity({ officers: 2, workingDays: 249, inspectionSharePercent: 50, daysPerInspection: 1, plannedInspections: 11 }),
    {
      officers: 2,
      workingDays: 249,
      inspectionSharePercent: 50,
      daysPerInspection: 1,
      availableDays: 249,
      requiredDays: 22,
      ok: true,
      shortfallDays: 0,
    },
  );
  const short = checkCapacity({ officers: 1, workingDays: 10, inspectionSharePercent: 50, daysPerInspection: 2, plannedInspections: 11 });
  assert.equal(short.ok, false);
  assert.equal(short.availableDays, 5);
  assert.equal(short.requiredDays, 44);
  assert.equal(short.shortfallDays, 39);
});

test('plan state machine: every status × role', () => {
  const submitter = 'sub';
  const expected: Record<PlanStatus, Partial<Record<Role, string[]>>> = {
    draft: {
      countySupervisor: ['generate', 'edit', 'submit'],

      citySupervisor: ['generate', 'edit', 'submit'],
      provinceSupervisor: ['generate', 'edit', 'submit'],
    },
    submitted: {
      countySupervisor: ['approve', 'revise'],
      citySupervisor: ['approve', 'revise'],
      provinceSupervisor: ['approve', 'revise'],
    },
    approved: { countySupervisor: ['publish', 'revise'], citySupervisor: ['publish', 'revise'], provinceSupervisor: ['publish', 'revise'] },
    published: {
      countySupervisor: ['schedule'],
      departmentInspector: ['schedule'],
      citySupervisor: ['schedule'],
      provinceSupervisor: ['schedule'],
    },
  };
  for (const status of PLAN_STATUSES)
    for (const role of ROLES)
      assert.deepEqual(planActions(actor(role), { status, submittedBy: submitter }), expected[status][role] ?? [], `${status} ${role}`);
  assert.deepEqual(
    planActions(actor('countySupervisor', submitter), { status: 'submitted', submittedBy: submitter }),
    ['revise'],
    'four eyes: not the submitter',
  );
});

test('monthly progress: key months, general spread, cumulative', () => {
  const p = monthlyProgress(
    [
      { kind: 'key', months: [1, 7] },
      { kind: 'key', months: [1] },
      { kind: 'general', months: [] },
    ],
    14,
    [2, 0, 1],
  );
  assert.equal(p.length, 12);
  assert.deepEqual(p[0], { month: 1, planned: 3, done: 2, cumulativePlanned: 3, cumulativeDone: 2 });
  assert.equal(p[6]?.planned, 2);
  assert.equal(p[10]?.planned, 2, 'the remainder of the general ones in the last months');
  assert.equal(p[11]?.cumulativePlanned, 17);
  assert.equal(p[11]?.cumulativeDone, 3);
});

test('campaign validation: name, period, industries, targets', () => {
  const ok = campaignInputSchema.safeParse({
    name: '危化品专项整治',
    kind: 'special',
    startsOn: '2026-03-01',
    endsOn: '2026-06-30',
    industries: ['26', '26'],
    targets: '全覆盖检查',
  });
  assert.ok(ok.success);
  assert.deepEqual(ok.data?.industries, ['26']);
  const bad = campaignInputSchema.safeParse({
    name: '',
    kind: 'x',
    startsOn: '2026-06-30',
    endsOn: '2026-03-01',
    industries: ['99'],
    targets: '',
  });
  assert.equal(bad.success, false);
  const paths = new Set(bad.error?.issues.map((i) => String(i.path[0])));
  for (const f of ['name', 'kind', 'industries', 'targets']) assert.ok(paths.has(f), f);
  const period = campaignInputSchema.safeParse({
    name: '攻坚',
    kind: 'tough',
    startsOn: '2026-06-30',
    endsOn: '2026-03-01',
    targets: '目标',
  });
  assert.deepEqual(
    period.error?.issues.map((i) => i.path.join('.')),
    ['endsOn'],
  );
  assert.equal(campaignPhase({ startsOn: '2026-03-01', endsOn: '2026-06-30' }, '2026-06-30'), 'running');
  assert.equal(campaignPhase({ startsOn: '2026-03-01', endsOn: '2026-06-30' }, '2026-07-01'), 'ended');
});
