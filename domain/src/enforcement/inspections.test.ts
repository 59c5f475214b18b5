// The on-site inspection's rules: every status × action × role, the two-officer rule, and the
// finding input (a hazard needs a deadline or an on-site measure).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import {
  ENF_INSPECTION_STATUSES,
  type EnfInspectionStatus,
  findingInputSchema,
  inspectionActions,
  inspectionNext,
  officerProblems,
} from './inspections.ts';

const actor = (role: Role, id = 'u1'): Actor => ({
  id,
  username: id,
  role,
  scope: { regionPrefix: '320582', industries: null, enterpriseId: role.startsWith('enterprise') ? 'e1' : null },
});

describe('inspection actions', () => {
  const officers = ['u1', 'u2'];
  const expected: Record<EnfInspectionStatus, string[]> = {
    planned: ['start', 'cancel'],
    inProgress: ['saveChecks', 'addFinding', 'removeFinding', 'record'],
    recorded: ['review'],
    closed: [],
    cancelled: [],
  };
  for (const status of ENF_INSPECTION_STATUSES) {
    test(`${status}: an officer on it, another enforcer, an admin, an enterprise, a township`, () => {
      assert.deepEqual(inspectionActions(actor('countySupervisor'), { status, officerIds: officers }), expected[status]);
      assert.deepEqual(
        inspectionActions(actor('countySupervisor', 'u9'), { status, officerIds: officers }),
        status === 'planned' ? ['cancel'] : [],
      );
      assert.deepEqual(
        inspectionActions(actor('departmentInspector'), { status, officerIds: officers }),
        expected[status],
        'a department inspector on it acts too',
      );
      for (const role of ['platformAdmin', 'enterpriseAdmin', 'enterpriseStaff', 'townshipSupervisor', 'gridWorker'] as Role[])
        assert.deepEqual(inspectionActions(actor(role), { status, officerIds: officers }), [], role);
    });
  }

  test('record closes at once when nothing waits for a review', () => {
    assert.equal(inspectionNext('record', 'inProgress', false), 'closed');
    assert.equal(inspectionNext('record', 'inProgress', true), 'recorded');
    assert.equal(inspectionNext('start', 'planned', false), 'inProgress');
    assert.equal(inspectionNext('cancel', 'planned', false), 'cancelled');
  });
});

describe('officers', () => {
  const ok = { certified: true, conflict: false };
  test('two different certified officers without a conflict', () => {
    assert.equal(
      officerProblems([
        { userId: 'a', ...ok },
        { userId: 'b', ...ok },
      ]),
      null,
    );
    assert.match(officerProblems([{ userId: 'a', ...ok }])?.zh ?? '', /两名/);
    assert.match(
      officerProblems([
        { userId: 'a', ...ok },
        { userId: 'a', ...ok },
      ])?.zh ?? '',
      /两名/,
    );
    assert.match(
      officerProblems([
        { userId: 'a', ...ok },
        { userId: 'b', certified: false, conflict: false },
      ])?.zh ?? '',
      /执法证/,
    );
    assert.match(
      officerProblems([
        { userId: 'a', ...ok },
        { userId: 'b', certified: true, conflict: true },
      ])?.zh ?? '',
      /回避/,
    );
  });
});

describe('finding input', () => {
  test('a hazard needs a deadline or an on-site measure; a violation does not', () => {
    assert.equal(findingInputSchema.safeParse({ kind: 'hazard', description: '灭火器过期' }).success, false);
    assert.equal(findingInputSchema.safeParse({ kind: 'hazard', description: '灭火器过期', deadline: '2026-12-20' }).success, true);
    assert.equal(
      findingInputSchema.safeParse({ kind: 'hazard', description: '动火无人监护', onSiteMeasure: '责令立即停止动火作业' }).success,
      true,
    );
    assert.equal(findingInputSchema.safeParse({ kind: 'violation', description: '未如实记录隐患排查治理情况' }).success, true);
    assert.equal(findingInputSchema.safeParse({ kind: 'hazard', description: '', deadline: '2026-12-20' }).success, false);
    assert.equal(findingInputSchema.safeParse({ kind: 'hazard', description: 'x', deadline: '20/12/2026' }).success, false);
  });
});
