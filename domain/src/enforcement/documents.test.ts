import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, ROLES, type Role } from '../auth/roles.ts';
import { documentActions, signatureInputSchema } from './documents.ts';

const actor = (role: Role): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix: '32', industries: null, enterpriseId: null },
});

test('who records a document’s signature and service: the enforcing organ only; a signature once', () => {
  const expected: Record<Role, string[]> = {
    platformAdmin: [],
    provinceSupervisor: ['recordService', 'recordSignature'],
    citySupervisor: ['recordService', 'recordSignature'],
    countySupervisor: ['recordService', 'recordSignature'],
    townshipSupervisor: [],
    gridWorker: [],
    departmentInspector: ['recordService', 'recordSignature'],
    enterpriseAdmin: [],
    enterpriseStaff: [],
    medicalReporter: [],
    cdcReviewer: [],
  };
  for (const role of ROLES) assert.deepEqual(documentActions(actor(role), { signedAt: null }), expected[role], role);
  assert.deepEqual(documentActions(actor('countySupervisor'), { signedAt: '2026-12-01T08:00:00Z' }), ['recordService']);
});

test('a signature is a name and a time, or a refusal and a time', () => {
  assert.ok(signatureInputSchema.safeParse({ signedByName: '王经理', signedAt: '2026-12-01T08:00:00+08:00' }).success);
  assert.ok(signatureInputSchema.safeParse({ refused: true, signedAt: '2026-12-01T08:00:00+08:00' }).success);
  assert.ok(!signatureInputSchema.safeParse({ signedByName: '', signedAt: '2026-12-01T08:00:00+08:00' }).success);
  assert.ok(!signatureInputSchema.safeParse({ signedByName: '王经理', signedAt: '昨天' }).success);
});
