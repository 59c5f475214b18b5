import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { mayEditSetting, ownSettingsProvince, settingActions, settingsAbilities } from './policy.ts';

const actor = (role: Role, regionPrefix = ''): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix, industries: null, enterpriseId: null },
});

test('who edits a setting: the national value the admin; a province override the admin or that province’s supervisor', () => {
  const cases: [string, Actor, string | undefined, boolean][] = [
    ['admin, national', actor('platformAdmin'), undefined, true],
    ['admin, a province', actor('platformAdmin'), '32', true],
    ['province supervisor, national', actor('provinceSupervisor', '32'), undefined, false],
    ['province supervisor, own province', actor('provinceSupervisor', '32'), '32', true],
    ['province supervisor, another province', actor('provinceSupervisor', '32'), '44', false],
    ['city supervisor, own province', actor('citySupervisor', '3213'), '32', false],
    ['county supervisor, own province', actor('countySupervisor', '321302'), '32', false],
    ['enterprise admin', actor('enterpriseAdmin', '321302'), '32', false],
  ];
  for (const [name, a, province, expected] of cases) {
    assert.equal(mayEditSetting(a, 'map.approvalNumber', province), expected, name);
  }
});

test('allowed actions: edit, and remove the override only where one exists and only for a province', () => {
  const admin = actor('platformAdmin');
  assert.deepEqual(settingActions(admin, 'map.approvalNumber', undefined, false), ['edit']);
  assert.deepEqual(settingActions(admin, 'map.approvalNumber', '32', false), ['edit']);
  assert.deepEqual(settingActions(admin, 'map.approvalNumber', '32', true), ['edit', 'removeOverride']);
  assert.deepEqual(settingActions(actor('provinceSupervisor', '32'), 'map.approvalNumber', '44', true), []);
  assert.deepEqual(settingActions(actor('countySupervisor', '321302'), 'map.approvalNumber', undefined, false), []);
});

test('settings.edit ability: the admin and province supervisors (who edit their province)', () => {
  for (const role of ROLES) {
    const expected = role === 'platformAdmin' || role === 'provinceSupervisor';
    assert.deepEqual(settingsAbilities(actor(role, '32')), { 'settings.edit': expected }, role);
  }
});

test('the settings page opens on the one province a province supervisor keeps; the admin and the others have none fixed', () => {
  assert.equal(ownSettingsProvince(actor('provinceSupervisor', '32')), '32');
  assert.equal(ownSettingsProvince(actor('platformAdmin')), null);
  assert.equal(ownSettingsProvince(actor('citySupervisor', '3213')), null);
});
