import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import {
  allowedHazardActions,
  cancelTier,
  HAZARD_ACTIONS,
  HAZARD_LEVELS,
  HAZARD_STATUSES,
  type HazardFacts,
  type HazardLevel,
  hazardTransition,
  INSPECTION_TIERS,
  type InspectionTier,
  mayList,
  nextTier,
  type Tier,
} from './lifecycle.ts';

const actor = (role: Role, enterpriseId: string | null = null): Actor => ({
  id: role,
  username: role,
  role,
  scope: { regionPrefix: '32', industries: null, enterpriseId },
});
const fixes = { owner: '张三', measures: '更换阀门', funds: 2.5, deadline: '2026-12-31', contingency: '停用并设警戒' };
const hazard = (over: Partial<HazardFacts> = {}): HazardFacts => ({
  enterpriseId: 'e1',
  status: 'reported',
  level: 'general',
  foundTier: 'patrol',
  listedTier: null,
  rectificationNote: null,
  ...fixes,
  ...over,
});

const ent = actor('enterpriseAdmin', 'e1');
const staff = actor('enterpriseStaff', 'e1');
const otherEnt = actor('enterpriseAdmin', 'e2');
const grid = actor('gridWorker');
const town = actor('townshipSupervisor');
const county = actor('countySupervisor');
const city = actor('citySupervisor');

const result = (a: Actor, h: HazardFacts, act: (typeof HAZARD_ACTIONS)[number]) => {
  const r = hazardTransition(a, h, act);
  return r.ok ? r.to : r.reason;
};

test('the happy path of a general hazard found on a township patrol', () => {
  let h = hazard();
  assert.equal(result(grid, h, 'assign'), 'assigned');
  h = { ...h, status: 'assigned' };
  assert.equal(result(ent, h, 'start'), 'rectifying');
  h = { ...h, status: 'rectifying', rectificationNote: '已更换' };
  assert.equal(result(staff, h, 'submit'), 'pendingAcceptance');
  h = { ...h, status: 'pendingAcceptance' };
  assert.equal(result(ent, h, 'accept'), 'forbidden', 'government found it, government accepts');
  assert.equal(result(grid, h, 'accept'), 'forbidden', 'grid workers report, they do not accept');
  assert.equal(result(town, h, 'accept'), 'closed');
  assert.equal(result(county, h, 'sendBack'), 'rectifying');
});

test('five fixes are all required before rectification starts; a note before submitting', () => {
  for (const k of ['owner', 'measures', 'funds', 'deadline', 'contingency'] as const) {
    const r = hazardTransition(ent, hazard({ status: 'assigned', [k]: k === 'funds' ? null : '  ' }), 'start');
    assert.deepEqual(r, { ok: false, reason: 'incomplete', missing: [k] });
  }
  assert.deepEqual(hazardTransition(ent, hazard({ status: 'rectifying' }), 'submit'), {
    ok: false,
    reason: 'incomplete',
    missing: ['rectificationNote'],
  });
});

test('a major hazard closes only by the listing tier; never by the enterprise', () => {
  const h = hazard({ status: 'pendingAcceptance', level: 'major', foundTier: 'self', listedTier: 'city' });
  assert.equal(result(ent, h, 'accept'), 'forbidden');
  assert.equal(result(county, h, 'accept'), 'forbidden');
  assert.equal(result(city, h, 'accept'), 'closed');
  const unlisted = hazard({ status: 'pendingAcceptance', level: 'major', foundTier: 'self' });
  assert.equal(result(ent, unlisted, 'accept'), 'forbidden');
  assert.equal(result(town, unlisted, 'accept'), 'forbidden');
  assert.equal(result(county, unlisted, 'accept'), 'closed');
});

test('a general hazard from self-inspection is closed by the enterprise admin, not by staff', () => {
  const h = hazard({ status: 'pendingAcceptance', foundTier: 'self' });
  assert.equal(result(ent, h, 'accept'), 'closed');
  assert.equal(result(staff, h, 'accept'), 'forbidden');
  assert.equal(result(otherEnt, h, 'accept'), 'forbidden');
  assert.equal(result(ent, hazard({ foundTier: 'self' }), 'assign'), 'assigned');
  assert.equal(result(ent, hazard({ foundTier: 'patrol' }), 'assign'), 'forbidden');
});

test('cancel: supervisors only, from open states only', () => {
  for (const s of HAZARD_STATUSES) {
    const h = hazard({ status: s });
    const open = !['closed', 'cancelled'].includes(s);
    assert.equal(result(town, h, 'cancel'), open ? 'cancelled' : 'invalidState', s);
    assert.equal(result(ent, h, 'cancel'), open ? 'forbidden' : 'invalidState', s);
    assert.equal(result(grid, h, 'cancel'), open ? 'forbidden' : 'invalidState', s);
  }
});

// Cancel follows the tiers that close a hazard. For every finding tier, level and listing: the
// lowest tier that may cancel it. Below it nobody may; grid workers, department inspectors and the
// enterprise never may.
const CANCEL_FLOOR: [HazardLevel, 'county' | 'city' | null, InspectionTier, Tier][] = [
  ['general', null, 'self', 'patrol'],
  ['general', null, 'patrol', 'patrol'],
  ['general', null, 'county', 'county'],
  ['general', null, 'city', 'city'],
  ['general', 'county', 'self', 'county'],
  ['general', 'county', 'patrol', 'county'],
  ['general', 'county', 'county', 'county'],
  ['general', 'county', 'city', 'city'],
  ['general', 'city', 'self', 'city'],
  ['general', 'city', 'patrol', 'city'],
  ['general', 'city', 'county', 'city'],
  ['general', 'city', 'city', 'city'],
  ['major', null, 'self', 'county'],
  ['major', null, 'patrol', 'county'],
  ['major', null, 'county', 'county'],
  ['major', null, 'city', 'city'],
  ['major', 'county', 'self', 'county'],
  ['major', 'county', 'patrol', 'county'],
  ['major', 'county', 'county', 'county'],
  ['major', 'county', 'city', 'city'],
  ['major', 'city', 'self', 'city'],
  ['major', 'city', 'patrol', 'city'],
  ['major', 'city', 'county', 'city'],
  ['major', 'city', 'city', 'city'],
];
/** The tier each role cancels at; null: never cancels. */
const CANCELS_AT: Record<Role, Tier | null> = {
  platformAdmin: 'province',
  provinceSupervisor: 'province',
  citySupervisor: 'city',
  countySupervisor: 'county',
  townshipSupervisor: 'patrol',
  gridWorker: null,
  departmentInspector: null,
  enterpriseAdmin: null,
  enterpriseStaff: null,
  medicalReporter: null,
  cdcReviewer: null,
};
const TIER_ORDER: Tier[] = ['self', 'patrol', 'county', 'city', 'province'];

test('cancel: every role × finding tier × level × listing; allowedActions agrees', () => {
  assert.equal(CANCEL_FLOOR.length, HAZARD_LEVELS.length * 3 * INSPECTION_TIERS.length, 'every combination is in the table');
  for (const [level, listedTier, foundTier, floor] of CANCEL_FLOOR) {
    assert.equal(cancelTier({ level, listedTier, foundTier }), floor);
    for (const role of ROLES) {
      const a = actor(role, role.startsWith('enterprise') ? 'e1' : null);
      const at = CANCELS_AT[role];
      const may = at !== null && TIER_ORDER.indexOf(at) >= TIER_ORDER.indexOf(floor);
      const what = `${role} on a ${level} hazard found by ${foundTier}, listed ${listedTier}`;
      for (const status of ['reported', 'assigned', 'rectifying', 'pendingAcceptance'] as const) {
        const h = hazard({ status, level, foundTier, listedTier, rectificationNote: 'x' });
        assert.equal(result(a, h, 'cancel'), may ? 'cancelled' : 'forbidden', `${what}, ${status}`);
        assert.equal(allowedHazardActions(a, h).includes('cancel'), may, `allowedActions of ${what}, ${status}`);
      }
    }
  }
  // The case that was open: a major hazard the city listed is not cancelled by the township or the county.
  const cityListed = hazard({ level: 'major', foundTier: 'patrol', listedTier: 'city', status: 'rectifying' });
  assert.deepEqual(
    [town, county, city].map((a) => result(a, cityListed, 'cancel')),
    ['forbidden', 'forbidden', 'cancelled'],
  );
});

test('every action from every status: only the listed edges exist', () => {
  const edges = new Set([
    'reported>assign',
    'assigned>start',
    'rectifying>submit',
    'pendingAcceptance>accept',
    'pendingAcceptance>sendBack',
  ]);
  for (const s of HAZARD_STATUSES)
    for (const act of HAZARD_ACTIONS) {
      if (act === 'cancel') continue;
      const r = hazardTransition(actor('platformAdmin'), hazard({ status: s, rectificationNote: 'x', level: 'general' }), act);
      assert.equal(r.ok, edges.has(`${s}>${act}`), `${s} ${act}`);
    }
});

test('allowed actions per role for the UI', () => {
  assert.deepEqual(allowedHazardActions(ent, hazard({ status: 'assigned' })), ['start']);
  assert.deepEqual(allowedHazardActions(county, hazard({ status: 'pendingAcceptance' })), ['accept', 'sendBack', 'cancel']);
  assert.deepEqual(allowedHazardActions(otherEnt, hazard({ status: 'assigned' })), []);
});

test('listing tiers and escalation order', () => {
  assert.equal(mayList(county, 'major'), 'county');
  assert.equal(mayList(city, 'major'), 'city');
  assert.equal(mayList(town, 'major'), null);
  assert.equal(mayList(county, 'general'), null);
  assert.deepEqual(
    ['self', 'patrol', 'county', 'city'].map((t) => nextTier(t as 'self')),
    ['patrol', 'county', 'city', 'province'],
  );
});
