// 双随机 draws through the API: committed lists are hashed and the nonce kept secret until the
// draw; performing is refused before the announced time and a second time; the result is
// re-derived by scripts/verify-draw.mjs from the public record; what was committed to cannot be
// changed, not even by SQL; conflicts of interest are honoured; other counties see nothing.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type DrawInspector, type DrawObject, performDraw } from '@taishan/domain';
import { withScope } from '../../db/scope.ts';
import { CAST, type CastApp, enterpriseBody, makeUser, openCastApp } from '../../test/harness.ts';

const VERIFY = join(dirname(fileURLToPath(import.meta.url)), '../../../../scripts/verify-draw.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('双随机 draws', () => {
  let t: CastApp;
  let tmp: string;
  const enterprises: string[] = [];
  const officers: Record<string, string> = {};
  before(async () => {
    t = await openCastApp();
    tmp = mkdtempSync(join(tmpdir(), 'taishan-draws-'));
    enterprises.push(t.enterpriseId);
    for (let i = 1; i <= 11; i++) {
      const res = await t.inject(t.cookies.admin, 'POST', '/api/v1/enterprises', enterpriseBody(9100 + i, CAST.town));
      assert.equal(res.statusCode, 201, res.body);
      enterprises.push(res.json().id);
    }
    // Three class A enterprises, the others C (each got a computed class when created; set here).
    await t.db.query(
      "UPDATE enterprise_classes SET computed_class = CASE WHEN enterprise_id = ANY ($1::uuid[]) THEN 'A' ELSE 'C' END WHERE enterprise_id = ANY ($2::uuid[])",
      [enterprises.slice(0, 3), enterprises],
    );
    for (const name of ['o1', 'o2', 'o3'])
      officers[name] = await makeUser(t.db, { username: `draw-${name}`, role: 'countySupervisor', regionCode: CAST.county });
    officers.county = t.ids.county;
    officers.inspector = t.ids.inspector;
    // No lead time, so a test can draw a few seconds after committing.
    const lead = await t.inject(t.cookies.admin, 'PUT', '/api/v1/settings/enforcement.drawLeadHours', { value: 0, version: 0 });
    assert.equal(lead.statusCode, 200, lead.body);
  });
  after(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  const register = (cookie: string, userId: string, certificateNo: string, validUntil: string | null = '2030-12-31') =>
    t.inject(cookie, 'POST', '/api/v1/enforcement/officers', { userId, certificateNo, validUntil });

  const body = (extra: Record<string, unknown> = {}) => ({
    title: '2026年12月一般检查双随机抽查',
    n: 4,
    drawAt: new Date(Date.now() + 1500).toISOString(),
    publicValueSource: '上证指数 2026-12-07 收盘价',
    ...extra,
  });
  const commit = async (cookie: string, extra: Record<string, unknown> = {}) => {
    const res = await t.inject(cookie, 'POST', '/api/v1/enforcement/draws', body(extra));
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const untilDue = async (d: { drawAt: string }) => {
    const wait = new Date(d.drawAt).getTime() - Date.now() + 50;
    if (wait > 0) await sleep(wait);
  };
  const perform = (cookie: string, id: string, publicValue = '3,412.560', extra: Record<string, unknown> = {}) =>
    t.inject(cookie, 'POST', `/api/v1/enforcement/draws/${id}/perform`, { publicValue, ...extra });
  const nonceOf = async (id: string) =>
    (await t.db.query<{ server_nonce: string }>('SELECT server_nonce FROM enforcement_draws WHERE id = $1', [id]))[0]?.server_nonce ?? '';

  test('requires authentication, except the public record', async () => {
    assert.equal((await t.inject('', 'GET', '/api/v1/enforcement/draws')).statusCode, 401);
    assert.equal((await t.inject('', 'GET', '/api/v1/enforcement/officers')).statusCode, 401);
    assert.equal((await t.inject('', 'POST', '/api/v1/enforcement/draws', body())).statusCode, 401);
    assert.equal((await t.inject('', 'GET', '/api/v1/public/enforcement/draws')).statusCode, 200);
  });

  test('the officers’ registry: registered with a certificate by the county, refused with field messages, conflicts recorded once', async () => {
    for (const [name, id] of Object.entries(officers)) {
      const res = await register(t.cookies.county, id, `32058200${name}`);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().valid, true);
      assert.deepEqual(res.json().allowedActions, ['deactivate', 'recordConflict']);
    }
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/officers', { userId: 'x', certificateNo: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['certificateNo', 'userId']);
    assert.ok(bad.json().error.fields.certificateNo);
    const again = await register(t.cookies.county, officers.o1 as string, 'other');
    assert.equal(again.statusCode, 409);
    const taken = await register(t.cookies.county, t.ids.city, '32058200o1');
    assert.equal(taken.statusCode, 400, 'a city supervisor is out of a county’s sight, and the number is taken');
    const entUser = await register(t.cookies.county, t.ids.ent, 'E-1');
    assert.equal(entUser.statusCode, 400);
    assert.ok(entUser.json().error.fields.userId);
    assert.equal(
      (await register(t.cookies.inspector, t.ids.city, 'X-1')).statusCode,
      403,
      'a department inspector does not keep the registry',
    );
    assert.equal((await t.inject(t.cookies.town, 'GET', '/api/v1/enforcement/officers')).statusCode, 403);

    const list = await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/officers');
    assert.equal(list.json().items.length, 5);
    assert.deepEqual(list.json().allowedActions, ['add']);
    assert.deepEqual((await t.inject(t.cookies.inspector, 'GET', '/api/v1/enforcement/officers')).json().allowedActions, []);
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/officers')).json().items.length, 0);
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'PATCH', `/api/v1/enforcement/officers/${officers.o1}`, { active: false })).statusCode,
      404,
    );

    const off = await t.inject(t.cookies.county, 'PATCH', `/api/v1/enforcement/officers/${officers.o3}`, { active: false });
    assert.equal(off.statusCode, 200, off.body);
    assert.deepEqual([off.json().active, off.json().valid, off.json().allowedActions], [false, false, ['activate', 'recordConflict']]);
    const on = await t.inject(t.cookies.county, 'PATCH', `/api/v1/enforcement/officers/${officers.o3}`, { active: true });
    assert.equal(on.json().valid, true);

    const conflictUrl = `/api/v1/enforcement/officers/${officers.o1}/conflicts`;
    const c = await t.inject(t.cookies.county, 'POST', conflictUrl, { enterpriseId: enterprises[0], reason: '其配偶为该企业股东' });
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.json().conflicts[0].reason, '其配偶为该企业股东');
    assert.equal((await t.inject(t.cookies.county, 'POST', conflictUrl, { enterpriseId: enterprises[0], reason: '重复' })).statusCode, 409);
    const outside = await t.inject(t.cookies.county, 'POST', conflictUrl, { enterpriseId: t.otherEnterpriseId, reason: '昆山企业' });
    assert.equal(outside.statusCode, 400);
    const events = await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE entity_type = 'enforcementOfficer'");
    assert.equal(events.length, 8);
  });

  test('commit, refused before the time, performed once with the public value; the nonce is secret until then; verify-draw.mjs re-derives it', async () => {
    const d = await commit(t.cookies.county);
    assert.equal(d.status, 'committed');
    assert.equal(d.objectsCount, 12);
    assert.equal(d.inspectorsCount, 5);
    assert.equal(d.serverNonce, null);
    assert.deepEqual(d.classWeights, { A: 1, B: 2, C: 3, D: 4 }, 'the settings’ defaults');
    assert.equal(d.objects.filter((o: { class: string }) => o.class === 'A').length, 3);
    assert.deepEqual(d.allowedActions, ['cancel']);
    const nonce = await nonceOf(d.id);
    assert.match(nonce, /^[0-9a-f]{64}$/);
    const early = await perform(t.cookies.county, d.id);
    assert.equal(early.statusCode, 409);
    assert.deepEqual(early.json().error.allowedActions, ['cancel']);
    for (const url of [`/api/v1/enforcement/draws/${d.id}`, '/api/v1/enforcement/draws', `/api/v1/public/enforcement/draws/${d.id}`])
      assert.ok(!(await t.inject(t.cookies.county, 'GET', url)).body.includes(nonce), `${url} does not send the nonce`);
    const trail = await t.db.query<{ after: unknown }>("SELECT after FROM audit_events WHERE action = 'enforcementDraw.commit'");
    assert.ok(!JSON.stringify(trail).includes(nonce), 'nor does the trail before the draw');

    await untilDue(d);
    const listed = (await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/draws')).json();
    assert.deepEqual(listed.allowedActions, ['create']);
    assert.deepEqual(listed.items.find((x: { id: string }) => x.id === d.id).allowedActions, ['perform']);
    const otherSource = await perform(t.cookies.county, d.id, '3412.56', { publicValueSource: '深证成指' });
    assert.equal(otherSource.statusCode, 400);
    assert.ok(otherSource.json().error.fields.publicValueSource);
    const done = await perform(t.cookies.county, d.id);
    assert.equal(done.statusCode, 200, done.body);
    const drawn = done.json();
    assert.equal(drawn.status, 'drawn');
    assert.equal(drawn.publicValue, '3412.56', 'normalised');
    assert.equal(drawn.serverNonce, nonce, 'revealed');
    assert.equal(drawn.picks.length, 4);
    assert.deepEqual(drawn.allowedActions, []);

    // Each pick is a planned inspection by its two officers.
    const inspections = await t.db.query<{ id: string; source: string; status: string; officer_ids: string[]; draw_pick_id: string }>(
      "SELECT id, source, status, officer_ids, draw_pick_id FROM enforcement_inspections WHERE source = 'draw'",
    );
    assert.equal(inspections.length, 4);
    for (const p of drawn.picks) {
      const i = inspections.find((x) => x.id === p.inspectionId);
      assert.ok(i, 'the pick links its inspection');
      assert.deepEqual([i.status, i.officer_ids], ['planned', p.officerIds]);
      assert.equal(p.inspectionStatus, 'planned');
      assert.equal(p.officerNames.length, 2);
    }

    const twice = await perform(t.cookies.county, d.id);
    assert.equal(twice.statusCode, 409);
    assert.deepEqual(twice.json().error.allowedActions, []);
    assert.equal(
      (await t.inject(t.cookies.county, 'POST', `/api/v1/enforcement/draws/${d.id}/cancel`, { reason: '晚了' })).statusCode,
      409,
    );

    // Same inputs, same selection: the domain's draw over the stored lists and the seed.
    const again = performDraw({
      objects: drawn.objects as DrawObject[],
      inspectors: drawn.inspectors as DrawInspector[],
      n: drawn.n,
      seed: drawn.seed,
    });
    assert.deepEqual(
      again,
      drawn.picks.map((p: { rank: number; enterpriseId: string; officerIds: string[] }) => ({
        rank: p.rank,
        enterpriseId: p.enterpriseId,
        officerIds: p.officerIds,
      })),
    );

    // Anyone can check it from the public record, with the script alone.
    const pub = await t.inject('', 'GET', `/api/v1/public/enforcement/draws/${d.id}`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json().picks[0].inspectionStatus, 'planned');
    assert.equal(pub.json().inspectors[0].reason, undefined, 'reasons of conflicts are not published');
    const file = join(tmp, 'draw.json');
    writeFileSync(file, pub.body);
    assert.match(execFileSync(process.execPath, [VERIFY, file], { encoding: 'utf8' }), /^OK /);
    const forged = pub.json();
    forged.picks[0].officerIds.reverse();
    writeFileSync(file, JSON.stringify(forged));
    const bad = spawnSync(process.execPath, [VERIFY, file], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /DIFFERENT pick 1/);
    forged.picks[0].officerIds.reverse();
    forged.objects[0].weight += 1;
    writeFileSync(file, JSON.stringify(forged));
    assert.match(spawnSync(process.execPath, [VERIFY, file], { encoding: 'utf8' }).stdout, /DIFFERENT objectsHash/);

    const trailAfter = await t.db.query<{ action: string; after: { serverNonce?: string } }>(
      'SELECT action, after FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [d.id],
    );
    assert.deepEqual(
      trailAfter.map((e) => e.action),
      ['enforcementDraw.commit', 'enforcementDraw.perform'],
    );
    assert.equal(trailAfter[1]?.after.serverNonce, nonce);
  });

  test('what was committed to cannot change: no route, and the database refuses it', async () => {
    const d = await commit(t.cookies.county);
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      assert.equal((await t.inject(t.cookies.county, method, `/api/v1/enforcement/draws/${d.id}`, { n: 1 })).statusCode, 404);
    const attempts = [
      "UPDATE enforcement_draws SET objects = '[]' WHERE id = $1",
      "UPDATE enforcement_draws SET inspectors = '[]' WHERE id = $1",
      "UPDATE enforcement_draws SET commitment = 'x' WHERE id = $1",
      "UPDATE enforcement_draws SET draw_at = draw_at + interval '1 day' WHERE id = $1",
      "UPDATE enforcement_draws SET public_value_source = '深证成指' WHERE id = $1",
      'UPDATE enforcement_draws SET n = n + 1 WHERE id = $1',
      'DELETE FROM enforcement_draws WHERE id = $1',
    ];
    for (const sql of attempts) await assert.rejects(t.db.query(sql, [d.id]), /cannot change|never deleted/, sql);
    // The restricted role the API runs as is refused the same way.
    const county = { regionPrefix: '320582', industries: null, enterpriseId: null };
    await assert.rejects(
      withScope(t.db, county, (tx) => tx.query("UPDATE enforcement_draws SET objects = '[]' WHERE id = $1", [d.id])),
      /cannot change/,
    );
    await untilDue(d);
    assert.equal((await perform(t.cookies.county, d.id, '12')).statusCode, 200);
    await assert.rejects(t.db.query("UPDATE enforcement_draws SET public_value = '13' WHERE id = $1", [d.id]), /final/);
    await assert.rejects(t.db.query("UPDATE enforcement_draws SET status = 'committed' WHERE id = $1", [d.id]), /final/);
    await assert.rejects(
      t.db.query('UPDATE enforcement_draw_picks SET officer_ids = ARRAY[officer_ids[2], officer_ids[1]] WHERE draw_id = $1', [d.id]),
      /cannot change/,
    );
    await assert.rejects(t.db.query('DELETE FROM enforcement_draw_picks WHERE draw_id = $1', [d.id]), /never deleted/);
  });

  test('conflicts of interest are honoured; too few free inspectors for an enterprise is refused naming it', async () => {
    // o1 (recorded above), o2 and o3 may not go to enterprises[0]: only county and inspector remain.
    for (const o of [officers.o2, officers.o3])
      assert.equal(
        (
          await t.inject(t.cookies.county, 'POST', `/api/v1/enforcement/officers/${o}/conflicts`, {
            enterpriseId: enterprises[0],
            reason: '曾在该企业任职',
          })
        ).statusCode,
        201,
      );
    const d = await commit(t.cookies.county, { n: 12 });
    await untilDue(d);
    const drawn = (await perform(t.cookies.county, d.id, '3388.1')).json();
    assert.equal(drawn.picks.length, 12, 'n equal to the list: every enterprise');
    const pick = drawn.picks.find((p: { enterpriseId: string }) => p.enterpriseId === enterprises[0]);
    assert.deepEqual([...pick.officerIds].sort(), [officers.county, officers.inspector].sort());
    const loads = new Map<string, number>();
    for (const p of drawn.picks) for (const o of p.officerIds) loads.set(o, (loads.get(o) ?? 0) + 1);
    assert.ok(Math.max(...loads.values()) - Math.min(...loads.values()) <= 2, JSON.stringify([...loads.values()]));

    assert.equal(
      (
        await t.inject(t.cookies.county, 'PATCH', `/api/v1/enforcement/officers/${officers.inspector}`, {
          validUntil: '2020-01-01',
        })
      ).statusCode,
      200,
    );
    const short = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', body());
    assert.equal(short.statusCode, 400, 'an expired certificate is not drawn; one inspector is left for enterprise 0');
    assert.match(short.json().error.fields.inspectors, /测试企业9001有限公司/);
    const narrower = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', body({ filters: { classes: ['C'] } }));
    assert.equal(narrower.statusCode, 201, 'without enterprise 0 (class A) the lists can be drawn');
    assert.equal(narrower.json().objectsCount, 9);
    await t.inject(t.cookies.county, 'PATCH', `/api/v1/enforcement/officers/${officers.inspector}`, { validUntil: null });
  });

  test('异地执法: officers of another county of the city are drawn only when the draw allows it', async () => {
    const reg = await register(t.cookies.city, t.ids.kunshan, '320583001');
    assert.equal(reg.statusCode, 201, reg.body);
    const home = await commit(t.cookies.county);
    assert.ok(!home.inspectors.some((i: { userId: string }) => i.userId === t.ids.kunshan));
    const away = await commit(t.cookies.county, { allowOtherRegions: true });
    assert.ok(away.inspectors.some((i: { userId: string }) => i.userId === t.ids.kunshan));
    assert.equal(away.allowOtherRegions, true);
    assert.notEqual(away.inspectorsHash, home.inspectorsHash);
    assert.equal(away.objectsHash, home.objectsHash, 'the same objects hash the same');
  });

  test('scope: another county neither sees nor performs a draw; the city does; an enterprise cannot draw', async () => {
    const d = await commit(t.cookies.county);
    const url = `/api/v1/enforcement/draws/${d.id}`;
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', url)).statusCode, 404);
    assert.ok(
      !(await t.inject(t.cookies.kunshan, 'GET', '/api/v1/enforcement/draws')).json().items.some((x: { id: string }) => x.id === d.id),
    );
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', url)).statusCode, 404);
    assert.equal(
      (await t.inject(t.cookies.inspector, 'GET', url)).statusCode,
      404,
      'a county-wide draw is beyond a department’s industries',
    );
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/enforcement/draws', body())).statusCode, 403);
    const other = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', body({ regionCode: CAST.otherCounty }));
    assert.equal(other.statusCode, 400);
    assert.ok(other.json().error.fields.regionCode);
    await untilDue(d);
    assert.equal((await perform(t.cookies.kunshan, d.id)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.city, 'GET', url)).json().allowedActions.join(), 'perform');
    assert.equal((await perform(t.cookies.city, d.id)).statusCode, 200);
  });

  test('two officers performing one draw at once: exactly one draws, the other is refused; one set of picks', async () => {
    const d = await commit(t.cookies.county);
    await untilDue(d);
    const results = await Promise.all([perform(t.cookies.county, d.id, '100.5'), perform(t.cookies.city, d.id, '100.6')]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
    const [picks] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_draw_picks WHERE draw_id = $1', [d.id]);
    assert.equal(picks?.n, 4);
  });

  test('cancelled before its time, with a reason; then it cannot be performed; the public list shows it', async () => {
    const d = await commit(t.cookies.county, { drawAt: new Date(Date.now() + 60_000).toISOString() });
    const c = await t.inject(t.cookies.county, 'POST', `/api/v1/enforcement/draws/${d.id}/cancel`, { reason: '计划调整' });
    assert.equal(c.statusCode, 200, c.body);
    assert.deepEqual([c.json().status, c.json().cancelReason, c.json().allowedActions], ['cancelled', '计划调整', []]);
    assert.equal((await perform(t.cookies.county, d.id)).statusCode, 409);
    const pub = (await t.inject('', 'GET', '/api/v1/public/enforcement/draws?region=320582')).json();
    const row = pub.items.find((x: { id: string }) => x.id === d.id);
    assert.equal(row.status, 'cancelled');
    assert.equal(row.allowedActions, undefined);
    assert.equal((await t.inject('', 'GET', '/api/v1/public/enforcement/draws?region=320583')).json().total, 0);
    const detail = (await t.inject('', 'GET', `/api/v1/public/enforcement/draws/${d.id}`)).json();
    assert.deepEqual([detail.serverNonce, detail.objects, detail.picks], [null, [], []]);
  });

  test('bad input: 400 with a message per field', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', {
      title: '',
      n: 0,
      drawAt: 'tomorrow',
      publicValueSource: '',
      classWeights: { A: 0, B: 1, C: 1, D: 1 },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(Object.keys(res.json().error.fields).sort(), ['classWeights.A', 'drawAt', 'n', 'publicValueSource', 'title']);
    const past = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', body({ drawAt: '2020-01-01T00:00:00+08:00' }));
    assert.equal(past.statusCode, 400);
    assert.ok(past.json().error.fields.drawAt);
    const none = await t.inject(t.cookies.county, 'POST', '/api/v1/enforcement/draws', body({ filters: { industries: ['0610'] } }));
    assert.equal(none.statusCode, 400);
    assert.ok(none.json().error.fields.filters);
    const d = await commit(t.cookies.county);
    await untilDue(d);
    const empty = await perform(t.cookies.county, d.id, '   ');
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.json().error.fields.publicValue);
    assert.equal((await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/draws/not-an-id')).statusCode, 400);
  });
});
