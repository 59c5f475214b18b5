import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { roleHome, userActions } from './policy.ts';

const actor = (role: Role, id = 'me'): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix: role === 'platformAdmin' ? '' : '32', industries: null, enterpriseId: null },
});

test('actions on a user account: the platform admin only; nobody else gets any', () => {
  const other = { id: 'other', disabled: false, locked: false };
  for (const role of ROLES) {
    const expected = role === 'platformAdmin' ? ['update', 'resetPassword', 'disable', 'changeHome'] : [];
    assert.deepEqual(userActions(actor(role), other), expected, role);
  }
});

test('an admin may not disable themselves nor change their own role or home; disabled and locked accounts offer enable and unlock', () => {
  const admin = actor('platformAdmin');
  const cases: [{ id: string; disabled: boolean; locked: boolean }, string[]][] = [
    [{ id: 'me', disabled: false, locked: false }, ['update', 'resetPassword']],
    [{ id: 'other', disabled: true, locked: false }, ['update', 'resetPassword', 'enable', 'changeHome']],
    [{ id: 'other', disabled: false, locked: true }, ['update', 'resetPassword', 'disable', 'unlock', 'changeHome']],
  ];
  for (const [user, expected] of cases) assert.deepEqual(userActions(admin, user), expected, JSON.stringify(user));
});

test('the home each role needs', () => {
  const expected: Record<Role, string> = {
    platformAdmin: 'none',
    provinceSupervisor: 'region',
    citySupervisor: 'region',
    countySupervisor: 'region',
    townshipSupervisor: 'region',
    gridWorker: 'region',
    departmentInspector: 'department',
    enterpriseAdmin: 'enterprise',
    enterpriseStaff: 'enterprise',
    medicalReporter: 'enterprise',
    cdcReviewer: 'region',
  };
  for (const role of ROLES) assert.equal(roleHome(role), expected[role], role);
});
