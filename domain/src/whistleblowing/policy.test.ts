import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  allowedRevealRequestActions,
  allowedWhistleblowerReportActions,
  mayDecideReveal,
  mayHandleWhistleblowerReports,
  maySetRewardRule,
  maySetSomeRewardRule,
  ownRewardProvince,
  whistleblowingAbilities,
} from './policy.ts';

const actor = (role: Role, regionPrefix: string, more: Partial<Actor['scope']> = {}, id = 'u'): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix, industries: null, enterpriseId: null, ...more },
});

test('handling whistleblower reports: admins and area supervisors, role by role', () => {
  const cases: [Actor, boolean][] = [
    [actor('platformAdmin', ''), true],
    [actor('provinceSupervisor', '32'), true],
    [actor('citySupervisor', '3205'), true],
    [actor('countySupervisor', '320582'), true],
    [actor('townshipSupervisor', '320582100'), true],
    [actor('gridWorker', '320582100001'), false],
    // Decided (issue 23): a department inspector without an industry limit handles reports. Such
    // an account is the bureau's comprehensive-supervision (综合监管) inspector, whose remit is
    // every trade of the area, as a county supervisor's is; the limit is what makes an inspector
    // a specialist who may not see reports about other trades.
    [actor('departmentInspector', '320582'), true],
    [actor('departmentInspector', '320582', { industries: ['chemical'] }), false],
    [actor('enterpriseAdmin', '320582', { enterpriseId: 'e1' }), false],
    [actor('enterpriseStaff', '320582', { enterpriseId: 'e1' }), false],
  ];
  for (const [a, expected] of cases) assert.equal(mayHandleWhistleblowerReports(a), expected, `${a.role} ${JSON.stringify(a.scope)}`);
});

test('deciding on a reveal request: never the requester; the admin; a handler of the same or a higher tier', () => {
  const countyRequest = { requestedBy: 'asker', requesterRegion: '320582000000' };
  const cases: [Actor, { requestedBy: string; requesterRegion: string | null }, boolean][] = [
    [actor('countySupervisor', '320582', {}, 'asker'), countyRequest, false],
    [actor('platformAdmin', '', {}, 'asker'), countyRequest, false],
    [actor('platformAdmin', ''), countyRequest, true],
    [actor('provinceSupervisor', '32'), countyRequest, true],
    [actor('citySupervisor', '3205'), countyRequest, true],
    [actor('countySupervisor', '320582'), countyRequest, true],
    [actor('townshipSupervisor', '320582100'), countyRequest, false],
    [actor('gridWorker', '320582100001'), countyRequest, false],
    [actor('enterpriseAdmin', '320582', { enterpriseId: 'e1' }), countyRequest, false],
    [actor('departmentInspector', '320582', { industries: ['chemical'] }), countyRequest, false],
    // an unknown requester region counts as province level: only a province supervisor or the admin decides
    [actor('provinceSupervisor', '32'), { requestedBy: 'asker', requesterRegion: null }, true],
    [actor('countySupervisor', '320582'), { requestedBy: 'asker', requesterRegion: null }, false],
    [actor('platformAdmin', ''), { requestedBy: 'asker', requesterRegion: null }, true],
  ];
  for (const [a, request, expected] of cases)
    assert.equal(mayDecideReveal(a, request), expected, `${a.role} ${a.id} → ${JSON.stringify(request)}`);
});

test("reward rules: the admin any province's (and the national default), a province supervisor their own", () => {
  const cases: [Actor, string, boolean][] = [
    [actor('platformAdmin', ''), '00', true],
    [actor('platformAdmin', ''), '32', true],
    [actor('provinceSupervisor', '32'), '32', true],
    [actor('provinceSupervisor', '32'), '11', false],
    [actor('provinceSupervisor', '32'), '00', false],
    [actor('citySupervisor', '3205'), '32', false],
    [actor('countySupervisor', '320582'), '32', false],
    [actor('enterpriseAdmin', '32', { enterpriseId: 'e1' }), '32', false],
  ];
  for (const [a, province, expected] of cases) assert.equal(maySetRewardRule(a, province), expected, `${a.role} → ${province}`);
  assert.equal(maySetSomeRewardRule(actor('platformAdmin', '')), true);
  assert.equal(maySetSomeRewardRule(actor('provinceSupervisor', '32')), true);
  assert.equal(maySetSomeRewardRule(actor('citySupervisor', '3205')), false);
  assert.equal(maySetSomeRewardRule(actor('gridWorker', '320582100001')), false);
  // The province fixed in the reward rule form: a province supervisor's own; the admin picks.
  assert.equal(ownRewardProvince(actor('provinceSupervisor', '32')), '32');
  assert.equal(ownRewardProvince(actor('platformAdmin', '')), null);
  assert.equal(ownRewardProvince(actor('citySupervisor', '3205')), null);
});

test('abilities sent in /api/v1/me', () => {
  assert.deepEqual(whistleblowingAbilities(actor('platformAdmin', '')), {
    'whistleblowing.handle': true,
    'whistleblowing.stats': true,
    'whistleblowing.rewardRules': true,
  });
  assert.deepEqual(whistleblowingAbilities(actor('citySupervisor', '3205')), {
    'whistleblowing.handle': true,
    'whistleblowing.stats': true,
    'whistleblowing.rewardRules': false,
  });
  assert.deepEqual(whistleblowingAbilities(actor('enterpriseStaff', '320582', { enterpriseId: 'e1' })), {
    'whistleblowing.handle': false,
    'whistleblowing.stats': false,
    'whistleblowing.rewardRules': false,
  });
});

test('actions on a report: the workflow step of its status, writing to the reporter, asking for the identity', () => {
  const county = actor('countySupervisor', '320582');
  const named = { identitySealed: true, revealWaitingFromActor: false };
  const anonymous = { identitySealed: false, revealWaitingFromActor: false };
  const cases: [string, Actor, Parameters<typeof allowedWhistleblowerReportActions>[1], string[]][] = [
    ['received, anonymous', county, { status: 'received', ...anonymous }, ['accept', 'reject', 'merge', 'message']],
    ['received, named', county, { status: 'received', ...named }, ['accept', 'reject', 'merge', 'message', 'requestReveal']],
    [
      'named, my request waits',
      county,
      { status: 'received', identitySealed: true, revealWaitingFromActor: true },
      ['accept', 'reject', 'merge', 'message'],
    ],
    ['accepted', county, { status: 'accepted', ...anonymous }, ['verify', 'merge', 'message']],
    [
      'verifying: true (a hazard) or not',
      county,
      { status: 'verifying', ...anonymous },
      ['substantiate', 'unsubstantiate', 'merge', 'message'],
    ],
    ['substantiated: reward or close', county, { status: 'substantiated', ...anonymous }, ['decideReward', 'close', 'message']],
    ['reward decided', county, { status: 'rewardDecided', ...anonymous }, ['payReward', 'message']],
    ['reward paid', county, { status: 'rewardPaid', ...anonymous }, ['close', 'message']],
    ['rejected', county, { status: 'rejected', ...anonymous }, ['close', 'message']],
    ['unsubstantiated', county, { status: 'unsubstantiated', ...anonymous }, ['close', 'message']],
    ['merged: only the conversation', county, { status: 'merged', ...anonymous }, ['message']],
    ['closed, named: nothing but the identity request', county, { status: 'closed', ...named }, ['requestReveal']],
    ['the admin', actor('platformAdmin', ''), { status: 'received', ...anonymous }, ['accept', 'reject', 'merge', 'message']],
    [
      'a comprehensive-supervision inspector',
      actor('departmentInspector', '320582'),
      { status: 'received', ...anonymous },
      ['accept', 'reject', 'merge', 'message'],
    ],
    ['an industry-limited inspector', actor('departmentInspector', '320582', { industries: ['C'] }), { status: 'received', ...named }, []],
    ['a grid worker', actor('gridWorker', '320582100001'), { status: 'received', ...named }, []],
    ['the reported enterprise', actor('enterpriseAdmin', '320582', { enterpriseId: 'e1' }), { status: 'received', ...named }, []],
  ];
  for (const [name, a, r, expected] of cases) assert.deepEqual(allowedWhistleblowerReportActions(a, r), expected, name);
});

test('actions on a reveal request: decide while it waits (not the asker); reveal once approved (only the asker)', () => {
  const request = { requestedBy: 'asker', requesterRegion: '320582000000' };
  const asker = actor('countySupervisor', '320582', {}, 'asker');
  const city = actor('citySupervisor', '3205');
  const town = actor('townshipSupervisor', '320582100');
  const cases: [string, Actor, 'requested' | 'approved' | 'refused', string[]][] = [
    ['the asker cannot decide their own', asker, 'requested', []],
    ['a higher tier decides', city, 'requested', ['decide']],
    ['a lower tier does not', town, 'requested', []],
    ['approved: the asker reveals', asker, 'approved', ['reveal']],
    ['approved: nobody else', city, 'approved', []],
    ['refused: nothing', asker, 'refused', []],
  ];
  for (const [name, a, status, expected] of cases) assert.deepEqual(allowedRevealRequestActions(a, { ...request, status }), expected, name);
});
