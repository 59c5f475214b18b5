import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CAST, type CastApp, openCastApp } from './harness.ts';

describe('the standard cast', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  test('every member is logged in as the role and place the cast promises', async () => {
    const expect: Record<string, [string, string | null]> = {
      ent: ['enterpriseAdmin', null],
      town: ['townshipSupervisor', CAST.town],
      county: ['countySupervisor', CAST.county],
      kunshan: ['countySupervisor', CAST.otherCounty],
      province: ['provinceSupervisor', CAST.province],
    };
    for (const [name, [role, region]] of Object.entries(expect)) {
      const me = (await t.inject(t.cookies[name as keyof typeof t.cookies], 'GET', '/api/v1/me')).json();
      assert.equal(me.role, role, name);
      if (region) assert.ok(region.startsWith(me.scope.regionPrefix) && me.scope.regionPrefix.length > 0, name);
      else assert.equal(me.scope.enterpriseId, t.enterpriseId, name);
    }
  });

  test("Kunshan's supervisor does not see the Zhangjiagang enterprise; the county's does", async () => {
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enterprises/${t.enterpriseId}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.county, 'GET', `/api/v1/enterprises/${t.enterpriseId}`)).statusCode, 200);
    assert.equal((await t.inject('', 'GET', `/api/v1/enterprises/${t.enterpriseId}`)).statusCode, 401);
  });
});
