import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CastApp, openCastApp } from '../test/harness.ts';

let t: CastApp;
before(async () => {
  t = await openCastApp();
});
after(() => t.close());

const abilities = async (cookie: string) => {
  const res = await t.inject(cookie, 'GET', '/api/v1/me');
  assert.equal(res.statusCode, 200);
  return res.json().abilities as Record<string, boolean>;
};

test('/api/v1/me carries abilities that differ by role: a county supervisor may create enterprises, an enterprise admin may not', async () => {
  const county = await abilities(t.cookies.county);
  const ent = await abilities(t.cookies.ent);
  assert.equal(county['enterprises.create'], true);
  assert.equal(county['enterprises.import'], true);
  assert.equal(ent['enterprises.create'], false);
  assert.equal(ent['enterprises.import'], false);
});

test('/api/v1/me: administration abilities for the platform admin only', async () => {
  const admin = await abilities(t.cookies.admin);
  const county = await abilities(t.cookies.county);
  for (const key of ['admin.users', 'admin.departments', 'admin.audit', 'admin.settings']) {
    assert.equal(admin[key], true, `admin ${key}`);
    assert.equal(county[key], false, `county ${key}`);
  }
});
