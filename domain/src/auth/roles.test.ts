import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inScope, regionPrefix } from './roles.ts';

test('region prefix drops trailing zero groups by level', () => {
  assert.equal(regionPrefix('320000000000'), '32');
  assert.equal(regionPrefix('320500000000'), '3205');
  assert.equal(regionPrefix('320582000000'), '320582');
  assert.equal(regionPrefix('320582100000'), '320582100');
  assert.equal(regionPrefix('320582100201'), '320582100201');
  assert.equal(regionPrefix('320582'), '320582');
});

test('scope: region prefix, industries and enterprise all narrow', () => {
  const county = { regionPrefix: '320582', industries: null, enterpriseId: null };
  assert.equal(inScope(county, { regionCode: '320582100000' }), true);
  assert.equal(inScope(county, { regionCode: '320583100000' }), false);
  const dept = { regionPrefix: '3205', industries: ['26', '06'], enterpriseId: null };
  assert.equal(inScope(dept, { regionCode: '320582100000', industryCode: '2614' }), true);
  assert.equal(inScope(dept, { regionCode: '320582100000', industryCode: '47' }), false);
  assert.equal(inScope(dept, { regionCode: '320582100000', industryCode: null }), false);
  const ent = { regionPrefix: '', industries: null, enterpriseId: 'e1' };
  assert.equal(inScope(ent, { regionCode: '110101000000', enterpriseId: 'e1' }), true);
  assert.equal(inScope(ent, { regionCode: '110101000000', enterpriseId: 'e2' }), false);
});
