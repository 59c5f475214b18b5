import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { ALARM_STATUSES, allowedAlarmActions } from './alarms.ts';
import {
  alarmActionsFor,
  allowedGatewayCredentialActions,
  allowedSensorActions,
  canEditSensors,
  canIssueRegionalGateways,
  canManageGateways,
  canSeeGatewayConnections,
  canSeeGateways,
  canSeeIngestHealth,
  monitoringAbilities,
} from './policy.ts';

const ENT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: {
    regionPrefix: role === 'platformAdmin' ? '' : '320583',
    industries: null,
    enterpriseId: role.startsWith('enterprise') ? ENT : null,
  },
});

// Role by role: [manage own enterprise's gateways, see gateways, regional credentials, edit own sensors, ingest health]
const TABLE: Record<Role, [boolean, boolean, boolean, boolean, boolean]> = {
  platformAdmin: [true, true, true, true, true],
  provinceSupervisor: [false, false, false, false, false],
  citySupervisor: [false, false, false, false, false],
  countySupervisor: [false, false, false, false, false],
  townshipSupervisor: [false, false, false, false, false],
  gridWorker: [false, false, false, false, false],
  departmentInspector: [false, false, false, false, false],
  enterpriseAdmin: [true, true, false, true, false],
  enterpriseStaff: [false, true, false, true, false],
  medicalReporter: [false, false, false, false, false],
  cdcReviewer: [false, false, false, false, false],
};

test('monitoring rules, role by role: allowed and refused', () => {
  for (const role of ROLES) {
    const a = actor(role);
    const [manage, see, regional, sensors, ingest] = TABLE[role];
    assert.equal(canManageGateways(a, { enterpriseId: ENT }), manage, `${role} manages ENT's gateways`);
    assert.equal(canSeeGateways(a), see, `${role} sees gateways`);
    assert.equal(canIssueRegionalGateways(a), regional, `${role} issues regional credentials`);
    assert.equal(canManageGateways(a, { regionPrefix: '320583' }), regional, `${role} manages a regional credential`);
    assert.equal(canEditSensors(a, ENT), sensors, `${role} edits ENT's sensors`);
    assert.equal(canSeeIngestHealth(a), ingest, `${role} sees ingest health`);
    // Another enterprise's: only the admin.
    assert.equal(canManageGateways(a, { enterpriseId: OTHER }), role === 'platformAdmin', `${role} manages OTHER's gateways`);
    assert.equal(canEditSensors(a, OTHER), role === 'platformAdmin', `${role} edits OTHER's sensors`);
  }
});

test('abilities in /api/v1/me follow the same table', () => {
  for (const role of ROLES) {
    const [manage, , regional, sensors, ingest] = TABLE[role];
    assert.deepEqual(monitoringAbilities(actor(role)), {
      'monitoring.manageGateways': manage,
      'monitoring.issueRegionalGateways': regional,
      'monitoring.ingest': ingest,
      'monitoring.editSensors': sensors,
    });
  }
});

test('every user who sees an alarm may act on it as its status allows', () => {
  for (const role of ROLES)
    for (const status of ALARM_STATUSES)
      for (const active of [true, false])
        assert.deepEqual(alarmActionsFor(actor(role), status, active), allowedAlarmActions(status, active), `${role} ${status} ${active}`);
});

test("a sensor's actions: edit and decommission for its keepers, delete only without history, nothing once decommissioned", () => {
  for (const role of ROLES) {
    const a = actor(role);
    const [, , , keeps] = TABLE[role];
    const inService = { enterpriseId: ENT, decommissioned: false };
    assert.deepEqual(
      allowedSensorActions(a, { ...inService, hasHistory: true }),
      keeps ? ['edit', 'decommission'] : [],
      `${role} with history`,
    );
    assert.deepEqual(
      allowedSensorActions(a, { ...inService, hasHistory: false }),
      keeps ? ['edit', 'decommission', 'delete'] : [],
      `${role} new`,
    );
    assert.deepEqual(allowedSensorActions(a, { enterpriseId: ENT, decommissioned: true, hasHistory: true }), [], `${role} decommissioned`);
    assert.deepEqual(
      allowedSensorActions(a, { enterpriseId: OTHER, decommissioned: false, hasHistory: false }),
      role === 'platformAdmin' ? ['edit', 'decommission', 'delete'] : [],
      `${role} another enterprise's`,
    );
  }
});

test("a credential's actions: revoke while live, for whoever manages its grant; connections are the admin's figure", () => {
  for (const role of ROLES) {
    const a = actor(role);
    const [manage, , regional] = TABLE[role];
    assert.deepEqual(allowedGatewayCredentialActions(a, { grant: { enterpriseId: ENT }, revoked: false }), manage ? ['revoke'] : [], role);
    assert.deepEqual(allowedGatewayCredentialActions(a, { grant: { enterpriseId: ENT }, revoked: true }), [], `${role} revoked`);
    assert.deepEqual(
      allowedGatewayCredentialActions(a, { grant: { regionPrefix: '320583' }, revoked: false }),
      regional ? ['revoke'] : [],
      `${role} regional`,
    );
    assert.equal(canSeeGatewayConnections(a), role === 'platformAdmin', `${role} connections`);
  }
});
