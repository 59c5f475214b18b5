// The listing state machine with dates (令第11号): 告知 → objection window → decision (four eyes) →
// listed 3 years → early removal from 12 months (the edge to the second) → revoked for deceit (the
// original expiry back) → expiry by the clock; every refused transition says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../auth/roles.ts';
import {
  type BlacklistAction,
  type BlacklistView,
  blacklistAllowedActions,
  blacklistExpired,
  blacklistExpiry,
  blacklistTransition,
  checklistMet,
  earlyRemovalFrom,
  isCurrentlyListed,
} from './blacklist-workflow.ts';

const E = '00000000-0000-4000-8000-000000000001';
const actor = (id: string, role: Actor['role'], enterpriseId: string | null = null): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix: '321302', industries: null, enterpriseId },
});
const proposer = actor('p', 'countySupervisor');
const second = actor('s', 'countySupervisor');
const ent = actor('e', 'enterpriseAdmin', E);
const otherEnt = actor('o', 'enterpriseAdmin', '00000000-0000-4000-8000-000000000002');
const town = actor('t', 'townshipSupervisor');

const view = (extra: Partial<BlacklistView> = {}): BlacklistView => ({
  status: 'candidate',
  enterpriseId: E,
  proposedBy: 'p',
  noticedBy: null,
  objectionDueOn: null,
  objectionRejected: false,
  listedAt: null,
  expiresAt: null,
  removalAppliedAt: null,
  removalAppliedBy: null,
  removalChecklist: {},
  ...extra,
});

const LISTED_AT = '2026-12-07T02:00:00.000Z';
const listed = (extra: Partial<BlacklistView> = {}) =>
  view({ status: 'listed', listedAt: LISTED_AT, expiresAt: blacklistExpiry(LISTED_AT), objectionDueOn: '2026-11-30', ...extra });

test('the term is three years and early removal opens after twelve months', () => {
  assert.equal(blacklistExpiry(LISTED_AT), '2029-12-07T02:00:00.000Z');
  assert.equal(earlyRemovalFrom(LISTED_AT), '2027-12-07T02:00:00.000Z');
  // 29 February listed: the anniversaries fall back to 28 February.
  assert.equal(blacklistExpiry('2028-02-29T01:00:00.000Z'), '2031-02-28T01:00:00.000Z');
});

type Row = {
  name: string;
  who: Actor;
  v: BlacklistView;
  action: BlacklistAction;
  now: string;
  want: true | 'forbidden' | 'invalidState' | 'notNow';
};
const NOW = '2026-12-07T02:00:00.000Z';
const ROWS: Row[] = [
  { name: 'notify a candidate', who: proposer, v: view(), action: 'notify', now: NOW, want: true },
  { name: 'a township may not notify', who: town, v: view(), action: 'notify', now: NOW, want: 'forbidden' },
  { name: 'no decision without a notice', who: second, v: view(), action: 'decide', now: NOW, want: 'invalidState' },
  {
    name: 'the party objects on the last day of the window (Beijing date)',
    who: ent,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-07' }),
    action: 'recordObjection',
    now: '2026-12-07T15:59:00.000Z',
    want: true,
  },
  {
    name: 'the party objects the day after: too late',
    who: ent,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-07' }),
    action: 'recordObjection',
    now: '2026-12-07T16:00:00.000Z',
    want: 'notNow',
  },
  {
    name: 'another enterprise may not object',
    who: otherEnt,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-09' }),
    action: 'recordObjection',
    now: NOW,
    want: 'forbidden',
  },
  {
    name: 'no decision while the window runs',
    who: second,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-07' }),
    action: 'decide',
    now: NOW,
    want: 'notNow',
  },
  {
    name: 'decision after the window by another person',
    who: second,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-07' }),
    action: 'decide',
    now: '2026-12-07T16:00:00.000Z',
    want: true,
  },
  {
    name: 'the proposer may not decide (four eyes)',
    who: proposer,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-01' }),
    action: 'decide',
    now: NOW,
    want: 'forbidden',
  },
  {
    name: 'a rule-proposed entry: the one who sent the notice may not decide (four eyes)',
    who: second,
    v: view({ status: 'noticed', proposedBy: null, noticedBy: 's', objectionDueOn: '2026-12-01' }),
    action: 'decide',
    now: NOW,
    want: 'forbidden',
  },
  {
    name: 'a rule-proposed entry: another manager decides',
    who: proposer,
    v: view({ status: 'noticed', proposedBy: null, noticedBy: 's', objectionDueOn: '2026-12-01' }),
    action: 'decide',
    now: NOW,
    want: true,
  },
  {
    name: 'an objection rejected: decision at once',
    who: second,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-09', objectionRejected: true }),
    action: 'decide',
    now: NOW,
    want: true,
  },
  {
    name: 'no second objection once one was rejected',
    who: ent,
    v: view({ status: 'noticed', objectionDueOn: '2026-12-09', objectionRejected: true }),
    action: 'recordObjection',
    now: NOW,
    want: 'notNow',
  },
  {
    name: 'the objection is handled by the department',
    who: second,
    v: view({ status: 'objecting' }),
    action: 'handleObjection',
    now: NOW,
    want: true,
  },
  {
    name: 'the party may not handle its own objection',
    who: ent,
    v: view({ status: 'objecting' }),
    action: 'handleObjection',
    now: NOW,
    want: 'forbidden',
  },
  { name: 'drop a candidate', who: proposer, v: view(), action: 'drop', now: NOW, want: true },
  { name: 'a listing is not dropped', who: proposer, v: listed(), action: 'drop', now: NOW, want: 'invalidState' },
  {
    name: 'early removal a second before 12 months: refused',
    who: ent,
    v: listed(),
    action: 'applyRemoval',
    now: '2027-12-07T01:59:59.000Z',
    want: 'notNow',
  },
  {
    name: 'early removal at 12 months: allowed',
    who: ent,
    v: listed(),
    action: 'applyRemoval',
    now: '2027-12-07T02:00:00.000Z',
    want: true,
  },
  {
    name: 'one application at a time',
    who: ent,
    v: listed({ removalAppliedAt: '2027-12-08T00:00:00.000Z', removalAppliedBy: 'e' }),
    action: 'applyRemoval',
    now: '2027-12-09T00:00:00.000Z',
    want: 'notNow',
  },
  {
    name: 'the department approves the application',
    who: second,
    v: listed({ removalAppliedAt: '2027-12-08T00:00:00.000Z', removalAppliedBy: 'e' }),
    action: 'approveRemoval',
    now: '2027-12-09T00:00:00.000Z',
    want: true,
  },
  {
    name: 'who recorded the application does not approve it',
    who: second,
    v: listed({ removalAppliedAt: '2027-12-08T00:00:00.000Z', removalAppliedBy: 's' }),
    action: 'approveRemoval',
    now: '2027-12-09T00:00:00.000Z',
    want: 'forbidden',
  },
  {
    name: 'nothing to approve without an application',
    who: second,
    v: listed(),
    action: 'approveRemoval',
    now: '2027-12-09T00:00:00.000Z',
    want: 'notNow',
  },
  {
    name: 'revocation of an early removal within the original term',
    who: second,
    v: listed({ status: 'earlyRemoved' }),
    action: 'revokeRemoval',
    now: '2029-12-07T01:59:59.000Z',
    want: true,
  },
  {
    name: 'revocation after the original expiry: nothing to restore',
    who: second,
    v: listed({ status: 'earlyRemoved' }),
    action: 'revokeRemoval',
    now: '2029-12-07T02:00:00.000Z',
    want: 'notNow',
  },
  {
    name: 'an expired entry takes no step',
    who: second,
    v: listed({ status: 'expired' }),
    action: 'applyRemoval',
    now: NOW,
    want: 'invalidState',
  },
];

for (const r of ROWS) {
  test(`transition: ${r.name}`, () => {
    const got = blacklistTransition(r.who, r.v, r.action, r.now);
    assert.deepEqual(got, r.want === true ? { ok: true } : { ok: false, reason: r.want });
  });
}

test('allowed actions are the buttons, per person and moment', () => {
  assert.deepEqual(blacklistAllowedActions(proposer, view(), NOW), ['notify', 'drop']);
  assert.deepEqual(blacklistAllowedActions(ent, view(), NOW), []);
  assert.deepEqual(blacklistAllowedActions(ent, listed(), '2027-12-08T00:00:00.000Z'), ['applyRemoval']);
  assert.deepEqual(blacklistAllowedActions(second, listed({ removalAppliedAt: NOW, removalAppliedBy: 'e' }), '2027-12-08T00:00:00.000Z'), [
    'approveRemoval',
    'rejectRemoval',
  ]);
});

test('expiry with a fake clock: listed until the instant three years on, then the system removes it', () => {
  const v = listed();
  const before = '2029-12-07T01:59:59.999Z';
  const at = '2029-12-07T02:00:00.000Z';
  assert.equal(isCurrentlyListed(v, before), true);
  assert.equal(blacklistExpired(v, before), false);
  assert.equal(isCurrentlyListed(v, at), false);
  assert.equal(blacklistExpired(v, at), true);
  assert.equal(blacklistExpired({ ...v, status: 'earlyRemoved' }, at), false);
});

test('the early-removal checklist is met only with every condition', () => {
  assert.equal(checklistMet({ penaltyPerformed: true, rectified: true, commitment: true }), false);
  assert.equal(checklistMet({ penaltyPerformed: true, rectified: true, commitment: true, noNewViolation: true }), true);
});
