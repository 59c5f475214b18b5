// Departments' short names (简称): the issuer part of official numbers, set, cleared and refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CastApp, openCastApp } from '../../test/harness.ts';

describe('departments: the short name used in document numbers', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t?.close());

  const listed = async (cookie: string) =>
    (
      (await t.inject(cookie, 'GET', '/api/v1/departments')).json().items as {
        id: string;
        shortName: string | null;
        industries: string[];
      }[]
    ).find((d) => d.id === t.departmentId);

  test('the admin sets a short name, the list shows it, an empty one clears it, and each change is audited', async () => {
    const set = await t.inject(t.cookies.admin, 'PATCH', `/api/v1/departments/${t.departmentId}`, { shortName: ' 张应急 ' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().shortName, '张应急', 'trimmed');
    assert.equal((await listed(t.cookies.admin))?.shortName, '张应急');
    // A patch without shortName keeps it.
    await t.inject(t.cookies.admin, 'PATCH', `/api/v1/departments/${t.departmentId}`, { name: '张家港市应急管理局' });
    assert.equal((await listed(t.cookies.admin))?.shortName, '张应急');
    // …and a patch of the short name alone keeps the industries (what its inspectors see).
    assert.deepEqual((await listed(t.cookies.admin))?.industries, ['C']);
    const cleared = await t.inject(t.cookies.admin, 'PATCH', `/api/v1/departments/${t.departmentId}`, { shortName: '' });
    assert.equal(cleared.json().shortName, null);
    const [n] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'department' AND entity_id = $1",
      [t.departmentId],
    );
    assert.ok((n?.n ?? 0) >= 3, 'three changes audited');
  });

  test('a short name too long or with brackets is refused with field messages, and nothing changes', async () => {
    await t.inject(t.cookies.admin, 'PATCH', `/api/v1/departments/${t.departmentId}`, { shortName: '张应急' });
    for (const shortName of ['一二三四五六七八九十一二三', '张（应急）', '张 应急']) {
      const res = await t.inject(t.cookies.admin, 'PATCH', `/api/v1/departments/${t.departmentId}`, { shortName });
      assert.equal(res.statusCode, 400, shortName);
      const field = res.json().error.fieldMessages?.shortName;
      assert.ok(field?.zh && field?.en, `${shortName}: ${res.body}`);
    }
    assert.equal((await listed(t.cookies.admin))?.shortName, '张应急');
  });

  test('a new department may carry its short name from the start', async () => {
    const res = await t.inject(t.cookies.admin, 'POST', '/api/v1/departments', {
      name: '昆山市应急管理局',
      shortName: '昆应急',
      regionCode: '320583000000',
      industries: [],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().shortName, '昆应急');
  });
});
