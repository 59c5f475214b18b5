import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminAbilities, mayAdministerProvince } from './policy.ts';
import { type Actor, ROLES, type Role } from './roles.ts';

const actor = (role: Role, regionPrefix: string): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix, industries: null, enterpriseId: null },
});

test("a province's settings: the admin, or that province's supervisor; nobody else", () => {
  const cases: [Actor, string, boolean][] = [
    [actor('platformAdmin', ''), '32', true],
    [actor('provinceSupervisor', '32'), '32', true],
    [actor('provinceSupervisor', '11'), '32', false],
    [actor('citySupervisor', '3205'), '32', false],
    [actor('countySupervisor', '320582'), '32', false],
    [actor('enterpriseAdmin', '32'), '32', false],
  ];
  for (const [a, province, expected] of cases)
    assert.equal(mayAdministerProvince(a, province), expected, `${a.role} ${a.scope.regionPrefix} → ${province}`);
});

test('administration (users, departments, audit, settings): the platform admin only, role by role', () => {
  for (const role of ROLES) {
    const a = adminAbilities(actor(role, role === 'platformAdmin' ? '' : '32'));
    const expected = role === 'platformAdmin';
    for (const key of ['admin.users', 'admin.departments', 'admin.audit', 'admin.settings'])
      assert.equal(a[key], expected, `${role} ${key}`);
  }
});
