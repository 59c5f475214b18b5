import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { findingTier, hazardAbilities, mayInspect, mayManageSchedules } from './policy.ts';

const actor = (role: Role, enterpriseId: string | null = null): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix: '32', industries: null, enterpriseId },
});
const ENT_ROLES: Role[] = ['enterpriseAdmin', 'enterpriseStaff'];
const who = (role: Role) => (ENT_ROLES.includes(role) ? actor(role, 'e1') : actor(role));

test('finding tier, role by role: own enterprise self-inspects, government at its tier, province at the city’s', () => {
  const own: Record<Role, string | null> = {
    platformAdmin: 'city',
    provinceSupervisor: 'city',
    citySupervisor: 'city',
    countySupervisor: 'county',
    townshipSupervisor: 'patrol',
    gridWorker: 'patrol',
    departmentInspector: 'county',
    enterpriseAdmin: 'self',
    enterpriseStaff: 'self',
  };
  for (const role of ROLES) {
    assert.equal(findingTier(who(role), 'e1'), own[role], `${role} on e1`);
    // Another enterprise: enterprise users may not report; government users are unchanged.
    assert.equal(findingTier(who(role), 'e2'), ENT_ROLES.includes(role) ? null : own[role], `${role} on e2`);
  }
  assert.equal(findingTier(actor('countySupervisor')), 'county');
  assert.equal(findingTier(actor('enterpriseAdmin', 'e1')), null);
});

test('mayInspect, role by role and tier by tier', () => {
  const table: Record<string, string> = {};
  for (const role of ROLES)
    table[role] = (['self', 'patrol', 'county', 'city'] as const)
      .map((tier) => `${tier}:${mayInspect(who(role), tier, 'e1') ? 'y' : 'n'}/${mayInspect(who(role), tier, 'e2') ? 'y' : 'n'}`)
      .join(' ');
  assert.deepEqual(table, {
    platformAdmin: 'self:y/y patrol:y/y county:y/y city:y/y',
    provinceSupervisor: 'self:n/n patrol:n/n county:n/n city:n/n',
    citySupervisor: 'self:n/n patrol:n/n county:n/n city:y/y',
    countySupervisor: 'self:n/n patrol:n/n county:y/y city:n/n',
    townshipSupervisor: 'self:n/n patrol:y/y county:n/n city:n/n',
    gridWorker: 'self:n/n patrol:y/y county:n/n city:n/n',
    departmentInspector: 'self:n/n patrol:n/n county:y/y city:n/n',
    enterpriseAdmin: 'self:y/n patrol:n/n county:n/n city:n/n',
    enterpriseStaff: 'self:y/n patrol:n/n county:n/n city:n/n',
  });
});

test('schedules are managed by the enterprise’s own people or an admin only', () => {
  for (const role of ROLES) {
    const a = who(role);
    const expected = role === 'platformAdmin' || ENT_ROLES.includes(role);
    assert.equal(mayManageSchedules(a, 'e1'), expected, `${role} on e1`);
    assert.equal(mayManageSchedules(a, 'e2'), role === 'platformAdmin', `${role} on e2`);
  }
});

test('hazard abilities, role by role', () => {
  for (const role of ROLES) {
    const ab = hazardAbilities(who(role));
    assert.equal(ab['hazards.report'], true, role);
    assert.equal(ab['inspections.plan'], true, role);
    assert.equal(ab['schedules.manage'], role === 'platformAdmin' || ENT_ROLES.includes(role), role);
  }
});
