// The 约谈 / 黄牌 / 通报 state machine and who may act on a record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { type RecordKind, type RecordStatus, recordAllowedActions, recordNextStatus } from './records.ts';

const actor = (role: Role, prefix: string): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix: prefix, industries: null, enterpriseId: null },
});
const city = actor('citySupervisor', '3213');
const county = actor('countySupervisor', '321302');
const CITY = '321300000000';

test('transitions per kind', () => {
  const cases: [RecordKind, RecordStatus, Parameters<typeof recordNextStatus>[2], RecordStatus | null][] = [
    ['interview', 'draft', 'issue', 'issued'],
    ['interview', 'issued', 'recordMeeting', 'held'],
    ['interview', 'held', 'receiveReport', 'reported'],
    ['interview', 'issued', 'receiveReport', null],
    ['interview', 'reported', 'close', 'closed'],
    ['interview', 'held', 'close', null],
    ['interview', 'held', 'cancel', null],
    ['interview', 'issued', 'cancel', 'cancelled'],
    ['interview', 'reported', 'followUp', 'reported'],
    ['interview', 'closed', 'followUp', null],
    ['yellowCard', 'issued', 'recordMeeting', null],
    ['yellowCard', 'issued', 'receiveReport', 'reported'],
    ['yellowCard', 'reported', 'close', 'closed'],
    ['circular', 'issued', 'close', 'closed'],
    ['circular', 'issued', 'receiveReport', null],
    ['circular', 'issued', 'cancel', null],
    ['circular', 'draft', 'edit', 'draft'],
  ];
  for (const [k, s, a, to] of cases) assert.equal(recordNextStatus(k, s, a), to, `${k} ${s} ${a}`);
});

test('allowed actions: only the issuing government acts, publication as configured', () => {
  const view = (status: RecordStatus, extra = {}) => ({
    kind: 'interview' as const,
    status,
    regionCode: CITY,
    published: false,
    publishEnabled: true,
    ...extra,
  });
  assert.deepEqual(recordAllowedActions(city, view('draft')), ['edit', 'issue', 'cancel']);
  assert.deepEqual(recordAllowedActions(city, view('issued')), ['recordMeeting', 'cancel']);
  assert.deepEqual(recordAllowedActions(city, view('held')), ['receiveReport', 'followUp', 'publish']);
  assert.deepEqual(recordAllowedActions(city, view('held', { published: true })), ['receiveReport', 'followUp']);
  assert.deepEqual(recordAllowedActions(city, view('reported', { publishEnabled: false })), ['followUp', 'close']);
  assert.deepEqual(recordAllowedActions(city, view('closed')), ['publish']);
  assert.deepEqual(recordAllowedActions(city, view('cancelled')), []);
  // The summoned county never acts on its own record; a grid worker or an enterprise neither.
  assert.deepEqual(recordAllowedActions(county, view('held')), []);
  assert.deepEqual(recordAllowedActions(actor('gridWorker', '321302'), view('held')), []);
  assert.deepEqual(recordAllowedActions(actor('enterpriseAdmin', '321302'), view('held')), []);
  // A city supervisor of another city does not act either.
  assert.deepEqual(recordAllowedActions(actor('citySupervisor', '3205'), view('held')), []);
});

test('abilities: regulators view, only province/city/county supervisors manage', async () => {
  const { accountabilityAbilities } = await import('./policy.ts');
  const cases: [Role, string, boolean, boolean][] = [
    ['citySupervisor', '3213', true, true],
    ['countySupervisor', '321302', true, true],
    ['provinceSupervisor', '32', true, true],
    ['townshipSupervisor', '321302100', true, false],
    ['departmentInspector', '321302', true, false],
    ['platformAdmin', '', true, false],
    ['gridWorker', '321302100', false, false],
    ['enterpriseAdmin', '321302', false, false],
  ];
  for (const [role, prefix, view, manage] of cases) {
    assert.deepEqual(accountabilityAbilities(actor(role, prefix)), { 'accountability.view': view, 'accountability.manage': manage }, role);
  }
});
