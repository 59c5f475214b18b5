import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  addDays,
  alarmWork,
  hazardWork,
  inspectionTierOf,
  inspectionWork,
  orderWorkItems,
  publicReportWork,
  riskReportWork,
  scheduleWork,
  workItemHref,
} from './workbench.ts';

const actor = (role: Role): Actor => ({
  id: role,
  username: role,
  role,
  scope: {
    regionPrefix: role === 'platformAdmin' ? '' : '3213',
    industries: role === 'departmentInspector' ? ['26'] : null,
    enterpriseId: role.startsWith('enterprise') ? 'e1' : null,
  },
});
const kinds = (role: Role) => hazardWork(actor(role)).map((d) => d.kind.replace('hazards.', ''));
const queryOf = (role: Role, kind: string) => hazardWork(actor(role)).find((d) => d.kind === `hazards.${kind}`)?.query;

test('hazard work by role: what the lifecycle lets each role do', () => {
  const table: [Role, string[]][] = [
    ['platformAdmin', ['overdue', 'listed', 'toAssign', 'toAccept']],
    ['provinceSupervisor', ['overdue', 'listed', 'toAssign', 'toAccept']],
    ['citySupervisor', ['overdue', 'listed', 'toAssign', 'toAccept', 'majorUnlisted']],
    ['countySupervisor', ['overdue', 'listed', 'toAssign', 'toAccept', 'majorUnlisted']],
    ['townshipSupervisor', ['overdue', 'listed', 'toAssign', 'toAccept']],
    ['gridWorker', ['overdue', 'listed', 'toAssign']],
    ['departmentInspector', ['overdue', 'listed', 'toAssign', 'toAccept']],
    ['enterpriseAdmin', ['overdue', 'listed', 'fiveFixes', 'rectifying', 'toAssign', 'toAccept']],
    ['enterpriseStaff', ['overdue', 'listed', 'fiveFixes', 'rectifying']],
  ];
  for (const [role, expected] of table) assert.deepEqual(kinds(role), expected, role);
});

test('hazard work filters: listings of the own tier, townships accept general hazards, enterprises their own findings', () => {
  assert.deepEqual(queryOf('countySupervisor', 'listed'), { status: 'open', listed: 'county' });
  assert.deepEqual(queryOf('citySupervisor', 'listed'), { status: 'open', listed: 'city' });
  assert.deepEqual(queryOf('townshipSupervisor', 'listed'), { status: 'open', listed: 'true' });
  assert.deepEqual(queryOf('townshipSupervisor', 'toAccept'), { status: 'pendingAcceptance', level: 'general' });
  assert.deepEqual(queryOf('countySupervisor', 'toAccept'), { status: 'pendingAcceptance' });
  assert.deepEqual(queryOf('enterpriseAdmin', 'toAccept'), { status: 'pendingAcceptance', tier: 'self', level: 'general' });
  assert.deepEqual(queryOf('enterpriseAdmin', 'fiveFixes'), { status: 'assigned' });
  assert.deepEqual(queryOf('countySupervisor', 'majorUnlisted'), { status: 'open', level: 'major', listed: 'false' });
});

test('inspections: the tier each role carries out, today and the days passed', () => {
  const tiers = (
    ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor', 'gridWorker'] as const
  ).map((r) => inspectionTierOf(actor(r)));
  assert.deepEqual(tiers, [null, 'city', 'city', 'county', 'patrol', 'patrol']);
  assert.equal(inspectionTierOf(actor('departmentInspector')), 'county');
  assert.equal(inspectionTierOf(actor('enterpriseStaff')), 'self');
  assert.deepEqual(
    inspectionWork(actor('townshipSupervisor'), '2026-12-01').map((d) => d.query),
    [
      { status: 'planned', tier: 'patrol', from: '2026-12-01', to: '2026-12-01' },
      { status: 'planned', tier: 'patrol', to: '2026-11-30' },
    ],
  );
  assert.deepEqual(inspectionWork(actor('platformAdmin'), '2026-12-01')[0]?.query, {
    status: 'planned',
    from: '2026-12-01',
    to: '2026-12-01',
  });
});

test('schedules for enterprises only; reports, alarms and risk reports', () => {
  assert.deepEqual(scheduleWork(actor('countySupervisor'), '2026-12-28'), []);
  assert.deepEqual(scheduleWork(actor('enterpriseStaff'), '2026-12-28')[0]?.query, { active: 'true', dueBy: '2027-01-04' });
  assert.deepEqual(
    publicReportWork('2026-02-25').map((d) => d.query),
    [{ status: 'received' }, { status: 'open', overdue: 'true' }, { status: 'open', concludeBy: '2026-03-04' }],
  );
  assert.equal(alarmWork()[0]?.query.status, 'raised');
  assert.equal(riskReportWork(actor('townshipSupervisor'))[0]?.query.status, 'submitted');
  assert.equal(riskReportWork(actor('enterpriseAdmin'))[0]?.query.status, 'returned');
  assert.deepEqual(riskReportWork(actor('gridWorker')), []);
  assert.deepEqual(riskReportWork(actor('departmentInspector')), []);
});

test('links, dates and order', () => {
  assert.equal(workItemHref({ path: '/hazards', query: { status: 'open', overdue: 'true' } }), '/hazards?status=open&overdue=true');
  assert.equal(workItemHref({ path: '/monitoring', query: {} }), '/monitoring');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2027-01-01', -1), '2026-12-31');
  const items = [
    { kind: 'a', count: 0, severity: 'urgent' as const },
    { kind: 'b', count: 3, severity: 'routine' as const },
    { kind: 'c', count: 1, severity: 'urgent' as const },
    { kind: 'd', count: 2, severity: 'attention' as const },
    { kind: 'e', count: 5, severity: 'urgent' as const },
  ];
  assert.deepEqual(
    orderWorkItems(items).map((i) => i.kind),
    ['c', 'e', 'd', 'b', 'a'],
  );
});
