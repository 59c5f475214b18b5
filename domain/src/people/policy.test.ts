// Who may do what with people records: the enterprise keeps its own; regulators read; a county or
// above orders closed courses and records attendance in order; ID numbers in full only for the
// enterprise and supervisors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { attendeeAllowedActions, maySeeIdNumbers, peopleAbilities, personAllowedActions } from './policy.ts';

const actor = (role: Role, enterpriseId: string | null = null): Actor => ({
  id: 'u',
  username: role,
  role,
  scope: { regionPrefix: enterpriseId ? '' : '321302', industries: null, enterpriseId },
});

test('abilities by role', () => {
  const cases: [Role, string[]][] = [
    ['enterpriseAdmin', ['people.view', 'people.manage', 'people.courses']],
    ['enterpriseStaff', ['people.view', 'people.manage', 'people.courses']],
    ['countySupervisor', ['people.view', 'people.courses', 'people.orderCourses', 'people.publicity', 'people.recordPublicity']],
    ['townshipSupervisor', ['people.view', 'people.courses', 'people.publicity', 'people.recordPublicity']],
    ['gridWorker', ['people.publicity', 'people.recordPublicity']],
    ['departmentInspector', ['people.view']],
    ['platformAdmin', ['people.view', 'people.courses', 'people.publicity']],
  ];
  for (const [role, want] of cases) {
    const a = peopleAbilities(actor(role, role.startsWith('enterprise') ? 'e1' : null));
    assert.deepEqual(
      Object.entries(a)
        .filter(([, v]) => v)
        .map(([k]) => k),
      want,
      role,
    );
  }
});

test('a person is edited by its own enterprise only', () => {
  assert.deepEqual(personAllowedActions(actor('enterpriseAdmin', 'e1'), { enterpriseId: 'e1' }), ['edit', 'addCertificate', 'addTraining']);
  assert.deepEqual(personAllowedActions(actor('enterpriseAdmin', 'e2'), { enterpriseId: 'e1' }), []);
  assert.deepEqual(personAllowedActions(actor('countySupervisor'), { enterpriseId: 'e1' }), []);
});

test('attendance steps follow the order: ordered → attended/absent → completed', () => {
  const county = actor('countySupervisor');
  assert.deepEqual(attendeeAllowedActions(county, 'ordered'), ['attended', 'absent']);
  assert.deepEqual(attendeeAllowedActions(county, 'attended'), ['completed', 'absent']);
  assert.deepEqual(attendeeAllowedActions(county, 'absent'), ['attended']);
  assert.deepEqual(attendeeAllowedActions(county, 'completed'), []);
  assert.deepEqual(attendeeAllowedActions(actor('townshipSupervisor'), 'ordered'), []);
  assert.deepEqual(attendeeAllowedActions(actor('enterpriseAdmin', 'e1'), 'ordered'), []);
});

test('ID numbers in full for the enterprise and supervisors only', () => {
  assert.equal(maySeeIdNumbers(actor('enterpriseStaff', 'e1')), true);
  assert.equal(maySeeIdNumbers(actor('citySupervisor')), true);
  assert.equal(maySeeIdNumbers(actor('departmentInspector')), false);
  assert.equal(maySeeIdNumbers(actor('platformAdmin')), false);
  assert.equal(maySeeIdNumbers(actor('gridWorker')), false);
});
