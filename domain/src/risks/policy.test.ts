import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  allowedInstallationActions,
  allowedReportActions,
  allowedRiskPointActions,
  canEditEnterpriseRisk,
  mayEditRiskMap,
  mayReadRiskReport,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportStatus,
  reportTransition,
  riskAbilities,
} from './policy.ts';

const actor = (role: Role, enterpriseId: string | null = null): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix: '32', industries: null, enterpriseId },
});

test('enterprise users edit only their own enterprise’s risk; supervisors never', () => {
  assert.equal(canEditEnterpriseRisk(actor('enterpriseAdmin', 'e1'), 'e1'), true);
  assert.equal(canEditEnterpriseRisk(actor('enterpriseStaff', 'e1'), 'e1'), true);
  assert.equal(canEditEnterpriseRisk(actor('enterpriseAdmin', 'e1'), 'e2'), false);
  assert.equal(canEditEnterpriseRisk(actor('countySupervisor'), 'e1'), false);
  assert.equal(canEditEnterpriseRisk(actor('gridWorker'), 'e1'), false);
  assert.equal(canEditEnterpriseRisk(actor('platformAdmin'), 'e1'), true);
});

test('risk report lifecycle: every action from every status for each side', () => {
  const ent = actor('enterpriseAdmin', 'e1');
  const county = actor('countySupervisor');
  const grid = actor('gridWorker');
  const table: Record<string, Record<string, string>> = {};
  for (const status of REPORT_STATUSES)
    for (const action of REPORT_ACTIONS)
      for (const [who, a] of [
        ['ent', ent],
        ['county', county],
        ['grid', grid],
      ] as const) {
        const r = reportTransition(a, { enterpriseId: 'e1', status }, action);
        table[`${who} ${action} from ${status}`] = { r: r.ok ? r.to : r.reason };
      }
  const expect = (k: string, v: string) => assert.equal(table[k]?.r, v, k);
  expect('ent submit from draft', 'submitted');
  expect('ent submit from returned', 'submitted');
  expect('ent submit from submitted', 'invalidState');
  expect('ent submit from acknowledged', 'invalidState');
  expect('ent acknowledge from submitted', 'forbidden');
  expect('ent return from submitted', 'forbidden');
  expect('county acknowledge from submitted', 'acknowledged');
  expect('county return from submitted', 'returned');
  expect('county acknowledge from draft', 'invalidState');
  expect('county acknowledge from acknowledged', 'invalidState');
  expect('county submit from draft', 'forbidden');
  expect('grid acknowledge from submitted', 'forbidden');
  assert.deepEqual(allowedReportActions(county, { enterpriseId: 'e1', status: 'submitted' }), ['acknowledge', 'return']);
  assert.deepEqual(allowedReportActions(ent, { enterpriseId: 'e1', status: 'draft' }), ['submit']);
  assert.deepEqual(allowedReportActions(actor('enterpriseAdmin', 'e2'), { enterpriseId: 'e1', status: 'draft' }), []);
});

test('risk abilities: only users of an enterprise create risk points, installations and reports (for their own)', () => {
  const table: [Role, string | null, boolean][] = [
    ['enterpriseAdmin', 'e1', true],
    ['enterpriseStaff', 'e1', true],
    ['platformAdmin', null, false],
    ['provinceSupervisor', null, false],
    ['citySupervisor', null, false],
    ['countySupervisor', null, false],
    ['townshipSupervisor', null, false],
    ['departmentInspector', null, false],
    ['gridWorker', null, false],
  ];
  for (const [role, enterpriseId, may] of table) {
    const a = riskAbilities(actor(role, enterpriseId));
    for (const key of ['risks.createRiskPoint', 'risks.createInstallation', 'risks.createReport'])
      assert.equal(a[key], may, `${role} ${key}`);
  }
});

test('risk points and installations: allowedActions role by role (own enterprise, another, supervisor, admin)', () => {
  const cases: [string, Actor, string[], string[]][] = [
    ['enterprise admin, own', actor('enterpriseAdmin', 'e1'), ['update', 'assess', 'delete'], ['update', 'delete']],
    ['enterprise staff, own', actor('enterpriseStaff', 'e1'), ['update', 'assess', 'delete'], ['update', 'delete']],
    ['enterprise admin, another', actor('enterpriseAdmin', 'e2'), [], []],
    ['county supervisor', actor('countySupervisor'), [], []],
    ['grid worker', actor('gridWorker'), [], []],
    ['platform admin', actor('platformAdmin'), ['update', 'assess', 'delete'], ['update', 'delete']],
  ];
  for (const [who, a, points, installations] of cases) {
    assert.deepEqual(allowedRiskPointActions(a, { enterpriseId: 'e1' }), points, `${who}: risk point`);
    assert.deepEqual(allowedInstallationActions(a, { enterpriseId: 'e1' }), installations, `${who}: installation`);
    assert.equal(mayEditRiskMap(a, 'e1'), installations.length > 0, `${who}: risk map`);
  }
});

test('a draft risk report is visible to enterprises and the admin only; sent ones to supervisors too', () => {
  const table: [string, Actor, Record<ReportStatus, boolean>][] = [
    ['enterprise', actor('enterpriseAdmin', 'e1'), { draft: true, submitted: true, acknowledged: true, returned: true }],
    ['county', actor('countySupervisor'), { draft: false, submitted: true, acknowledged: true, returned: true }],
    ['admin', actor('platformAdmin'), { draft: true, submitted: true, acknowledged: true, returned: true }],
  ];
  for (const [who, a, expected] of table)
    for (const status of REPORT_STATUSES)
      assert.equal(mayReadRiskReport(a, { enterpriseId: 'e1', status }), expected[status], `${who} ${status}`);
});
