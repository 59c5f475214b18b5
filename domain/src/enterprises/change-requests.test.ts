import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  CHANGE_REQUEST_STATUSES,
  type ChangeRequestAction,
  changeRequestActions,
  changeRequestInputSchema,
  confirmingCounty,
  confirmingPrefix,
  nextChangeRequestStatus,
  supervisionFieldsChanged,
} from './change-requests.ts';
import { enterpriseActions } from './policy.ts';

const ENT = '11111111-1111-4111-8111-111111111111';
const actor = (role: Role, regionPrefix: string, enterpriseId: string | null = null, industries: string[] | null = null): Actor => ({
  id: role,
  username: role,
  role,
  scope: { regionPrefix, industries, enterpriseId },
});

test('an enterprise admin may not change supervision fields itself, only ask; every regulator may change them', () => {
  const table: [Role, boolean, boolean][] = [
    ['platformAdmin', true, false],
    ['provinceSupervisor', true, false],
    ['citySupervisor', true, false],
    ['countySupervisor', true, false],
    ['townshipSupervisor', true, false],
    ['gridWorker', false, false],
    ['departmentInspector', false, false],
    ['enterpriseAdmin', false, true],
    ['enterpriseStaff', false, false],
  ];
  for (const [role, change, request] of table) {
    const a = enterpriseActions(actor(role, '32', role.startsWith('enterprise') ? ENT : null));
    assert.equal(a.includes('changeSupervision'), change, `${role} changeSupervision`);
    assert.equal(a.includes('requestChange'), request, `${role} requestChange`);
  }
});

test('supervision fields changed: high-risk fields as a set, unchanged values and other fields are not changes', () => {
  const current = {
    regionCode: '320582100000',
    industryCode: '2614',
    highRisk: ['hazardousChemicals', 'dustExplosion'],
    employees: 120,
    revenueWan: 5000,
  };
  assert.deepEqual(supervisionFieldsChanged(current, { highRisk: ['dustExplosion', 'hazardousChemicals'], employees: 120 }), []);
  assert.deepEqual(supervisionFieldsChanged(current, { highRisk: [] }), ['highRisk']);
  assert.deepEqual(supervisionFieldsChanged(current, { employees: 99, industryCode: '4700' }), ['industryCode', 'employees']);
  assert.deepEqual(supervisionFieldsChanged(current, { regionCode: '320583000000', revenueWan: null }), ['regionCode', 'revenueWan']);
});

test('the confirming county: the one moved to for a move, else the enterprise’s own', () => {
  assert.equal(confirmingCounty('320582100000'), '320582000000');
  assert.equal(confirmingCounty('320582100000', '320583102000'), '320583000000');
  assert.equal(confirmingCounty('320582100000', null), '320582000000');
});

test('state machine: only a pending request moves; approve, reject, withdraw end it', () => {
  const expected: Record<string, Record<ChangeRequestAction, string | null>> = {
    pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
    approved: { approve: null, reject: null, withdraw: null },
    rejected: { approve: null, reject: null, withdraw: null },
    withdrawn: { approve: null, reject: null, withdraw: null },
  };
  for (const status of CHANGE_REQUEST_STATUSES)
    for (const action of ['approve', 'reject', 'withdraw'] as const)
      assert.equal(nextChangeRequestStatus(status, action), expected[status]?.[action], `${status} × ${action}`);
});

test('who acts on a request: every role × the confirming county × status', () => {
  const req = { enterpriseId: ENT, confirmRegionCode: '320583000000' }; // moving into 320583
  const cases: [Actor, string[]][] = [
    [actor('platformAdmin', ''), ['approve', 'reject']],
    [actor('provinceSupervisor', '32'), ['approve', 'reject']],
    [actor('citySupervisor', '3205'), ['approve', 'reject']],
    [actor('citySupervisor', '3206'), []],
    [actor('countySupervisor', '320583'), ['approve', 'reject']],
    [actor('countySupervisor', '320582'), [] /* the county it leaves */],
    [actor('townshipSupervisor', '320583100'), []],
    [actor('gridWorker', '320583100'), []],
    [actor('departmentInspector', '320583', null, ['26']), []],
    [actor('enterpriseAdmin', '320582100000', ENT), ['withdraw']],
    [actor('enterpriseAdmin', '320582100000', '22222222-2222-4222-8222-222222222222'), []],
    [actor('enterpriseStaff', '320582100000', ENT), []],
  ];
  for (const [a, allowed] of cases) {
    assert.deepEqual(changeRequestActions(a, { ...req, status: 'pending' }), allowed, `${a.role} ${a.scope.regionPrefix}`);
    for (const status of ['approved', 'rejected', 'withdrawn'] as const)
      assert.deepEqual(changeRequestActions(a, { ...req, status }), [], `${a.role} on ${status}`);
  }
});

test('a request changes at least one field, with a reason, in the directory’s own formats', () => {
  assert.equal(changeRequestInputSchema.safeParse({ changes: {}, reason: '转产' }).success, false);
  assert.equal(changeRequestInputSchema.safeParse({ changes: { employees: 80 }, reason: ' ' }).success, false);
  assert.equal(changeRequestInputSchema.safeParse({ changes: { industryCode: '9999' }, reason: '转产' }).success, false);
  assert.equal(changeRequestInputSchema.safeParse({ changes: { name: 'x' }, reason: '转产' }).success, false);
  const ok = changeRequestInputSchema.parse({ changes: { regionCode: '320583', highRisk: ['mining', 'mining'] }, reason: '搬迁' });
  assert.deepEqual(ok.changes, { regionCode: '320583000000', highRisk: ['mining'] });
});

test('where each role confirms requests (the list’s "waiting for me"): admin everywhere, supervisors in their region, others nowhere', () => {
  const table: [Role, string, string | null][] = [
    ['platformAdmin', '', ''],
    ['provinceSupervisor', '32', '32'],
    ['citySupervisor', '3201', '3201'],
    ['countySupervisor', '320102', '320102'],
    ['gridWorker', '320102', null],
    ['enterpriseAdmin', '320102', null],
    ['enterpriseStaff', '320102', null],
  ];
  for (const [role, prefix, expected] of table) assert.equal(confirmingPrefix(actor(role, prefix)), expected, role);
});
