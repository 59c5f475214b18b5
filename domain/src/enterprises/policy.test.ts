import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { enterpriseAbilities, enterpriseActions } from './policy.ts';

const actor = (role: Role): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: {
    regionPrefix: role === 'platformAdmin' ? '' : '320582',
    industries: null,
    enterpriseId: role.startsWith('enterprise') ? 'e' : null,
  },
});

test('creating and importing enterprises: the admin and supervisors of every tier; nobody else', () => {
  const expected: Record<Role, boolean> = {
    platformAdmin: true,
    provinceSupervisor: true,
    citySupervisor: true,
    countySupervisor: true,
    townshipSupervisor: true,
    gridWorker: false,
    departmentInspector: false,
    enterpriseAdmin: false,
    enterpriseStaff: false,
    medicalReporter: false,
    cdcReviewer: false,
  };
  for (const role of ROLES) {
    const a = enterpriseAbilities(actor(role));
    assert.equal(a['enterprises.create'], expected[role], `${role} create`);
    assert.equal(a['enterprises.import'], expected[role], `${role} import`);
  }
});

test('actions on a visible enterprise, role by role', () => {
  const full = ['update', 'delete', 'changeRegion', 'changeCreditCode', 'changeSupervision'];
  const expected: Record<Role, string[]> = {
    platformAdmin: full,
    provinceSupervisor: full,
    citySupervisor: full,
    countySupervisor: full,
    townshipSupervisor: ['update', 'changeCreditCode', 'changeSupervision'],
    gridWorker: [],
    departmentInspector: [],
    enterpriseAdmin: ['update', 'requestChange'],
    enterpriseStaff: [],
    medicalReporter: [],
    cdcReviewer: [],
  };
  for (const role of ROLES) assert.deepEqual(enterpriseActions(actor(role)), expected[role], role);
});
