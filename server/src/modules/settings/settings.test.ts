// The settings registry: everyone logged in reads the settings with the value in force; the national
// value is the admin's, a province's override also its supervisor's; values are checked by the
// setting's schema; edits are audited with before/after and refused on a stale version; public
// settings are readable without a login; other modules read the value in force by region.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withScope } from '../../db/scope.ts';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { effectiveSetting } from './service.ts';
import { upsertSetting } from './store.ts';

describe('settings registry', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  const view = async (cookie: string, key: string, province?: string) => {
    const res = await t.inject(cookie, 'GET', `/api/v1/settings${province ? `?province=${province}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.find((s: { key: string }) => s.key === key);
  };

  test('anyone logged in reads every setting with its default, source, provisional flag and what they may do', async () => {
    assert.equal((await t.app.inject({ url: '/api/v1/settings' })).statusCode, 401);
    const s = await view(t.cookies.staff, 'enforcement.reviewDays');
    assert.deepEqual(
      { ...s, label: undefined, description: undefined, source: undefined },
      {
        key: 'enforcement.reviewDays',
        group: 'enforcement',
        label: undefined,
        description: undefined,
        type: 'integer',
        scope: 'province',
        provisional: true,
        source: undefined,
        public: false,
        default: 10,
        national: null,
        nationalVersion: null,
        province: null,
        provinceVersion: null,
        effective: 10,
        origin: 'default',
        allowedActions: [],
      },
    );
    assert.match(s.source, /^UNCONFIRMED/);
    assert.deepEqual((await view(t.cookies.admin, 'enforcement.reviewDays')).allowedActions, ['edit']);
    assert.deepEqual((await view(t.cookies.province, 'enforcement.reviewDays')).allowedActions, []);
    assert.deepEqual((await view(t.cookies.province, 'enforcement.reviewDays', '32')).allowedActions, ['edit']);
    assert.deepEqual((await view(t.cookies.province, 'enforcement.reviewDays', '11')).allowedActions, []);
    assert.equal((await t.inject(t.cookies.admin, 'GET', '/api/v1/settings?province=3')).statusCode, 400);
  });

  test('the national value is the admin’s; a province override is its supervisor’s too; the province inherits until it overrides', async () => {
    const put = (cookie: string, body: Record<string, unknown>) => t.inject(cookie, 'PUT', '/api/v1/settings/enforcement.reviewDays', body);
    assert.equal((await put(t.cookies.province, { value: 7 })).statusCode, 403);
    assert.equal((await put(t.cookies.county, { province: '32', value: 7 })).statusCode, 403);
    assert.equal((await put(t.cookies.province, { province: '11', value: 7 })).statusCode, 403);
    const national = await put(t.cookies.admin, { value: 7, version: 0 });
    assert.equal(national.statusCode, 200, national.body);
    assert.equal(national.json().effective, 7);
    assert.equal(national.json().nationalVersion, 1);
    assert.equal((await view(t.cookies.county, 'enforcement.reviewDays', '32')).effective, 7, 'the province inherits');

    const own = await put(t.cookies.province, { province: '32', value: 5 });
    assert.equal(own.statusCode, 200, own.body);
    assert.deepEqual([own.json().national, own.json().province, own.json().effective, own.json().origin], [7, 5, 5, 'province']);
    assert.deepEqual(own.json().allowedActions, ['edit', 'removeOverride']);
    assert.equal(await effectiveSetting(t.db, 'enforcement.reviewDays', '321302001000'), 5);
    assert.equal(await effectiveSetting(t.db, 'enforcement.reviewDays', '110101000000'), 7);
    assert.equal(await effectiveSetting(t.db, 'enforcement.reviewDays', ''), 7);
    // Another module reads it inside a county's scoped transaction (settings are not scoped).
    const countyScope = { regionPrefix: '321302', industries: null, enterpriseId: null };
    assert.equal(await withScope(t.db, countyScope, (tx) => effectiveSetting(tx, 'enforcement.reviewDays', '321302001000')), 5);

    assert.equal((await t.inject(t.cookies.county, 'DELETE', '/api/v1/settings/enforcement.reviewDays?province=32')).statusCode, 403);
    assert.equal((await t.inject(t.cookies.province, 'DELETE', '/api/v1/settings/enforcement.reviewDays?province=32')).statusCode, 204);
    assert.equal((await t.inject(t.cookies.province, 'DELETE', '/api/v1/settings/enforcement.reviewDays?province=32')).statusCode, 404);
    assert.equal(await effectiveSetting(t.db, 'enforcement.reviewDays', '321302001000'), 7);

    const audit = await t.db.query<{ action: string; entity_id: string; before: unknown; after: unknown }>(
      "SELECT action, entity_id, before, after FROM audit_events WHERE entity_type = 'setting' ORDER BY seq",
    );
    assert.deepEqual(audit, [
      { action: 'setting.update', entity_id: 'enforcement.reviewDays@00', before: null, after: { value: 7, version: 1 } },
      { action: 'setting.update', entity_id: 'enforcement.reviewDays@32', before: null, after: { value: 5, version: 1 } },
      { action: 'setting.removeOverride', entity_id: 'enforcement.reviewDays@32', before: { value: 5, version: 1 }, after: null },
    ]);
  });

  test('a value is checked by its setting’s schema (400 with the field’s message in both languages); unknown keys are 404', async () => {
    const bad = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/enforcement.reviewDays', { value: 0 });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(bad.json().error.fieldMessages, { value: { zh: '不能小于 1', en: 'At least 1' } });
    const text = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/enforcement.reviewDays', { value: '12' });
    assert.equal(text.statusCode, 400, text.body);
    assert.ok(text.json().error.fields.value, text.body);
    assert.equal((await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/no.such', { value: 1 })).statusCode, 404);
    assert.equal(
      (await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/enforcement.reviewDays', { value: 3, extra: 1 })).statusCode,
      400,
    );
  });

  test('two editors of one value: the second, editing a version that changed, gets 409', async () => {
    const first = await view(t.cookies.admin, 'map.approvalNumber');
    const v = first.nationalVersion ?? 0;
    const a = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/map.approvalNumber', { value: 'GS(2024)0650号', version: v });
    assert.equal(a.statusCode, 200, a.body);
    const b = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/map.approvalNumber', { value: 'GS(2024)0001号', version: v });
    assert.equal(b.statusCode, 409, b.body);
    assert.equal((await view(t.cookies.admin, 'map.approvalNumber')).effective, 'GS(2024)0650号');
  });

  test('public settings are read without a login, per province; the others are 404 there', async () => {
    const ok = await t.app.inject({ url: '/api/v1/settings/public/map.approvalNumber' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { key: 'map.approvalNumber', value: 'GS(2024)0650号' });
    await t.inject(t.cookies.province, 'PUT', '/api/v1/settings/map.approvalNumber', { province: '32', value: '苏S(2025)001号' });
    assert.equal((await t.app.inject({ url: '/api/v1/settings/public/map.approvalNumber?province=32' })).json().value, '苏S(2025)001号');
    assert.equal((await t.app.inject({ url: '/api/v1/settings/public/enforcement.reviewDays' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/settings/public/no.such' })).statusCode, 404);
  });

  test('a first value written by two editors at once: the second finds the first and is refused, not written over it', async () => {
    // Both saw no row (version 0); neither could lock one. The first inserts; the second's insert
    // meets the first's row at a version it did not see and writes nothing.
    const first = await t.db.transaction((tx) => upsertSetting(tx, 'enforcement.reviewDays', '11', 12, 'a', 0));
    const second = await t.db.transaction((tx) => upsertSetting(tx, 'enforcement.reviewDays', '11', 14, 'b', 0));
    assert.equal(first, 1);
    assert.equal(second, null);
    const [row] = await t.db.query<{ value: number }>(
      "SELECT value FROM settings WHERE key = 'enforcement.reviewDays' AND region_code = '11'",
    );
    assert.equal(row?.value, 12);
    // Through the API, the same stale version 0 is a 409.
    const res = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/enforcement.reviewDays', {
      province: '11',
      value: 15,
      version: 0,
    });
    assert.equal(res.statusCode, 409, res.body);
  });

  test("a province code must name a province: not '00' (the national row) nor an unused code", async () => {
    for (const province of ['00', '99', '3']) {
      const res = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/map.approvalNumber', { province, value: 'x' });
      assert.equal(res.statusCode, 400, `${province}: ${res.body}`);
    }
  });
});
