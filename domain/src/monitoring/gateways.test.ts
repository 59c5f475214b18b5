import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../auth/roles.ts';
import { gatewayCredentialInputSchema, grantCovers, grantRegionPrefix } from './gateways.ts';
import { canManageGateways, canSeeGateways } from './policy.ts';

const ENT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role, enterpriseId: string | null = null, regionPrefix = '320583'): Actor => ({
  id: 'u',
  username: 'u',
  role,
  scope: { regionPrefix, industries: null, enterpriseId },
});

test('an enterprise admin issues credentials for its own enterprise only; staff and supervisors issue none', () => {
  assert.equal(canManageGateways(actor('enterpriseAdmin', ENT), { enterpriseId: ENT }), true);
  assert.equal(canManageGateways(actor('enterpriseAdmin', ENT), { enterpriseId: OTHER }), false);
  assert.equal(canManageGateways(actor('enterpriseAdmin', ENT), { regionPrefix: '320583' }), false, 'no regional credential');
  assert.equal(canManageGateways(actor('enterpriseStaff', ENT), { enterpriseId: ENT }), false);
  assert.equal(canManageGateways(actor('countySupervisor'), { enterpriseId: ENT }), false);
  assert.equal(canManageGateways(actor('countySupervisor'), { regionPrefix: '320583' }), false);
  assert.equal(canManageGateways(actor('platformAdmin', null, ''), { regionPrefix: '' }), true);
  assert.equal(canSeeGateways(actor('enterpriseStaff', ENT)), true);
  assert.equal(canSeeGateways(actor('countySupervisor')), false);
});

test('a grant covers its enterprise, or the enterprises inside its region', () => {
  const kunshan = { id: ENT, regionCode: '320583100000' };
  assert.equal(grantCovers({ enterpriseId: ENT }, kunshan), true);
  assert.equal(grantCovers({ enterpriseId: OTHER }, kunshan), false);
  assert.equal(grantCovers({ regionPrefix: grantRegionPrefix('320583000000') }, kunshan), true);
  assert.equal(grantCovers({ regionPrefix: grantRegionPrefix('320582') }, kunshan), false, 'a neighbouring county');
  assert.equal(grantCovers({ regionPrefix: grantRegionPrefix('') }, kunshan), true, 'the whole country');
});

test('the input names one enterprise or one region, with a name', () => {
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: '1号DCS网关' }).success, true);
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: '园区平台', regionCode: '320583' }).success, true);
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: 'x', enterpriseId: ENT, regionCode: '320583' }).success, false);
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: 'x', regionCode: '32058' }).success, false);
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: ' ' }).success, false);
  assert.equal(gatewayCredentialInputSchema.safeParse({ name: 'x', secret: 'mine' }).success, false, 'the secret is never chosen');
});
