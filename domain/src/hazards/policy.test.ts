import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import type { HazardStatus } from './lifecycle.ts';
import {
  checkHazardPhoto,
  checkListing,
  findingTier,
  hazardAbilities,
  mayEditFixes,
  mayExecuteInspection,
  mayInspect,
  mayIssueDossierNumber,
  mayListNow,
  mayManageSchedules,
} from './policy.ts';

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
    medicalReporter: null,
    cdcReviewer: null,
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
    medicalReporter: 'self:n/n patrol:n/n county:n/n city:n/n',
    cdcReviewer: 'self:n/n patrol:n/n county:n/n city:n/n',
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
    // The public-health roles (issue 28) take no part in work-safety inspection.
    const safety = role !== 'medicalReporter' && role !== 'cdcReviewer';
    assert.equal(ab['hazards.report'], safety, role);
    assert.equal(ab['inspections.plan'], safety, role);
    assert.equal(ab['schedules.manage'], role === 'platformAdmin' || ENT_ROLES.includes(role), role);
    assert.equal(ab['checklists.publish'], role === 'platformAdmin', role);
  }
});

const STATUSES: HazardStatus[] = ['reported', 'assigned', 'rectifying', 'pendingAcceptance', 'closed', 'cancelled'];
/** One row per role: y/n for each status in STATUSES order, on the role's own enterprise e1 then on e2. */
const byStatus = (f: (a: Actor, enterpriseId: string, status: HazardStatus) => string) =>
  Object.fromEntries(ROLES.map((role) => [role, ['e1', 'e2'].map((e) => STATUSES.map((s) => f(who(role), e, s)).join('')).join('/')]));

test('five fixes: the enterprise’s own people or the admin, while open and not submitted for acceptance', () => {
  const gov = 'nnnnnn/nnnnnn';
  assert.deepEqual(
    byStatus((a, enterpriseId, status) => (mayEditFixes(a, { enterpriseId, status }) ? 'y' : 'n')),
    {
      platformAdmin: 'yyynnn/yyynnn',
      provinceSupervisor: gov,
      citySupervisor: gov,
      countySupervisor: gov,
      townshipSupervisor: gov,
      gridWorker: gov,
      departmentInspector: gov,
      enterpriseAdmin: 'yyynnn/nnnnnn',
      enterpriseStaff: 'yyynnn/nnnnnn',
      medicalReporter: gov,
      cdcReviewer: gov,
    },
  );
});

test('listing: county and city supervisors, major hazards only; 403 before 409 (listed already, or closed)', () => {
  const table = Object.fromEntries(
    ROLES.map((role) => {
      const a = who(role);
      const cells = [
        checkListing(a, { level: 'general', status: 'reported', listedTier: null }),
        checkListing(a, { level: 'major', status: 'reported', listedTier: null }),
        checkListing(a, { level: 'major', status: 'rectifying', listedTier: 'county' }),
        checkListing(a, { level: 'major', status: 'closed', listedTier: null }),
      ].map((c) => (c.ok ? c.tier : c.reason));
      return [role, cells.join(' ')];
    }),
  );
  const none = 'forbidden forbidden forbidden forbidden';
  assert.deepEqual(table, {
    platformAdmin: none,
    provinceSupervisor: none,
    citySupervisor: 'forbidden city conflict conflict',
    countySupervisor: 'forbidden county conflict conflict',
    townshipSupervisor: none,
    gridWorker: none,
    departmentInspector: none,
    enterpriseAdmin: none,
    enterpriseStaff: none,
    medicalReporter: none,
    cdcReviewer: none,
  });
  assert.equal(mayListNow(actor('countySupervisor'), { level: 'major', status: 'assigned', listedTier: null }), true);
  assert.equal(mayListNow(actor('countySupervisor'), { level: 'major', status: 'assigned', listedTier: 'city' }), false);
});

test('photos: the enterprise adds proof until it submits, government adds evidence while open, nobody once closed', () => {
  const cell = (a: Actor, enterpriseId: string, status: HazardStatus) => {
    const c = checkHazardPhoto(a, { enterpriseId, status });
    return c.ok ? (c.kind === 'evidence' ? 'E' : 'R') : { forbidden: '-', closed: 'x', submitted: 's' }[c.reason];
  };
  const gov = 'EEEExx/EEEExx';
  assert.deepEqual(byStatus(cell), {
    platformAdmin: gov,
    provinceSupervisor: gov,
    citySupervisor: gov,
    countySupervisor: gov,
    townshipSupervisor: gov,
    gridWorker: gov,
    departmentInspector: gov,
    enterpriseAdmin: 'RRRsxx/------',
    enterpriseStaff: 'RRRsxx/------',
    medicalReporter: '------/------',
    cdcReviewer: '------/------',
  });
});

test('executing an inspection: only while planned; the named inspector (or admin), else whoever may inspect at its tier', () => {
  const planned = { status: 'planned' as const, inspectorId: null, tier: 'county' as const, enterpriseId: 'e1' };
  assert.equal(mayExecuteInspection(actor('countySupervisor'), planned), true);
  assert.equal(mayExecuteInspection(actor('townshipSupervisor'), planned), false);
  assert.equal(mayExecuteInspection(actor('countySupervisor'), { ...planned, status: 'submitted' }), false);
  const named = { ...planned, inspectorId: 'someone' };
  assert.equal(mayExecuteInspection(actor('countySupervisor'), named), false);
  assert.equal(mayExecuteInspection({ ...actor('countySupervisor'), id: 'someone' }, named), true);
  assert.equal(mayExecuteInspection(actor('platformAdmin'), named), true);
  assert.equal(mayExecuteInspection(actor('enterpriseStaff', 'e1'), { ...planned, tier: 'self' }), true);
  assert.equal(mayExecuteInspection(actor('enterpriseStaff', 'e2'), { ...planned, tier: 'self' }), false);
});

test('a dossier number is issued by an official’s download, never by an enterprise’s or a grid worker’s', () => {
  const expected: Record<Role, boolean> = {
    platformAdmin: true,
    provinceSupervisor: true,
    citySupervisor: true,
    countySupervisor: true,
    townshipSupervisor: true,
    gridWorker: false,
    departmentInspector: true,
    enterpriseAdmin: false,
    enterpriseStaff: false,
    medicalReporter: false,
    cdcReviewer: false,
  };
  for (const role of ROLES) assert.equal(mayIssueDossierNumber(who(role)), expected[role], role);
});
