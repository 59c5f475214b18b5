// The sensor registry end to end: thresholds checked, one code per enterprise, CSV import all or
// nothing, who writes and who reads, what each user may do with a sensor (allowedActions), and
// decommissioning versus deleting. Each test opens its own site (test-site.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multipartBody } from '../../test/harness.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { GAS, openSite } from './test-site.ts';

test('the registry: thresholds checked, one code per enterprise, enterprise writes, county reads, others see nothing', async (tc) => {
  const t = await openSite(tc, { sensors: false });
  const { as, installationId } = t;
  const body = { installationId, ...GAS };
  const bad = await as('ent', 'POST', '/api/v1/sensors', { ...body, high: 50 });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.highHigh);
  assert.equal((await as('county', 'POST', '/api/v1/sensors', body)).statusCode, 403, 'the enterprise keeps its registry');
  const created = await as('ent', 'POST', '/api/v1/sensors', body);
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().unit, '%LEL');
  assert.equal((await as('ent', 'POST', '/api/v1/sensors', body)).statusCode, 400, 'the code is taken');
  const upload = (content: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sensors/import',
      headers: { cookie: t.cookies.ent, ...multipartBody({ content, filename: 's.csv' }).headers },
      payload: multipartBody({ content, filename: 's.csv' }).payload,
    });
  const bulk = await upload(
    Buffer.from(
      '重大危险源编号,点位编号,点位名称,类型,量程下限,量程上限,高报,高高报\n' +
        `${installationId},PT-201,1号罐压力,压力,0,2.5,1.6,2.0\n${installationId},LT-301,1号罐液位,液位,0,12,10,11\n`,
    ),
  );
  assert.equal(bulk.statusCode, 200, bulk.body);
  assert.equal(bulk.json().imported, 2);
  const refused = await upload(
    Buffer.from(
      `重大危险源编号,点位编号,点位名称,类型,量程下限,量程上限\n${installationId},TT-1,温度,温度,0,100\n${installationId},TT 2,温度,未知类型,5,1\n`,
    ),
  );
  assert.equal(refused.statusCode, 400);
  assert.ok(refused.json().error.fields.line3);
  assert.equal(await t.count("SELECT count(*)::int AS n FROM sensors WHERE code = 'TT-1'"), 0, 'all or nothing');
  assert.equal((await as('county', 'GET', '/api/v1/sensors')).json().items.length, 3);
  assert.equal((await as('kunshan', 'GET', '/api/v1/sensors')).json().items.length, 0);
});

test("a sensor's allowedActions follow the domain policy: its enterprise and the admin keep it, supervisors only read", async (tc) => {
  const t = await openSite(tc);
  const actionsOf = async (who: 'ent' | 'staff' | 'admin' | 'county') =>
    (await t.as(who, 'GET', '/api/v1/sensors')).json().items.find((s: { code: string }) => s.code === 'GT-101').allowedActions;
  // Never had a reading: it may still be deleted.
  for (const who of ['ent', 'staff', 'admin'] as const) assert.deepEqual(await actionsOf(who), ['edit', 'decommission', 'delete'], who);
  assert.deepEqual(await actionsOf('county'), [], 'the county reads');
  await t.send([{ sensor: 'GT-101', ts: t.base, value: 3 }]);
  assert.deepEqual(await actionsOf('ent'), ['edit', 'decommission'], 'with history: decommissioned, never deleted');
  const created = await t.as('ent', 'POST', '/api/v1/sensors', {
    installationId: t.installationId,
    code: 'NEW-1',
    name: 'x',
    type: 'flow',
    rangeMin: 0,
    rangeMax: 1,
  });
  assert.deepEqual(created.json().allowedActions, ['edit', 'decommission', 'delete'], 'sent with the record it answers');
});

test('a sensor with history is decommissioned, never deleted; open alarms block it; one without history may be deleted; both audited', async (tc) => {
  const t = await openSite(tc);
  const { as, send, count, installationId } = t;
  const body = {
    installationId,
    code: 'XT-1',
    name: '反应釜温度',
    type: 'temperature',
    rangeMin: 0,
    rangeMax: 200,
    high: 80,
    hysteresis: 1,
    offlineSeconds: 60,
  };
  const xt = (await as('ent', 'POST', '/api/v1/sensors', body)).json();
  const spare = (await as('ent', 'POST', '/api/v1/sensors', { ...body, code: 'XT-2' })).json();
  const t0 = Date.now() - 20_000;
  await send([{ sensor: 'XT-1', ts: t0, value: 60 }]);
  await send([{ sensor: 'XT-1', ts: t0 + 1000, value: 90 }]);
  const [alarm] = (await as('ent', 'GET', `/api/v1/alarms?sensorId=${xt.id}`)).json().items;
  assert.equal(alarm.kind, 'threshold');
  const alarms = () => count('SELECT count(*)::int AS n FROM alarms WHERE sensor_id = $1', [xt.id]);
  const readings = () => count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1', [xt.id]);

  // An open alarm blocks both, with a message that says what to do.
  for (const [method, url] of [
    ['DELETE', `/api/v1/sensors/${xt.id}`],
    ['POST', `/api/v1/sensors/${xt.id}/decommission`],
  ] as const) {
    const r = await as('ent', method, url, method === 'POST' ? {} : undefined);
    assert.equal(r.statusCode, 409, r.body);
    assert.match(r.json().error.message, /未消除的报警/);
  }
  assert.deepEqual([await alarms(), await readings()], [1, 2], 'the alarm and the readings are still there');
  assert.equal(
    (await as('county', 'POST', `/api/v1/sensors/${xt.id}/decommission`, {})).statusCode,
    403,
    'the enterprise keeps its registry',
  );
  assert.equal((await as('kunshan', 'POST', `/api/v1/sensors/${xt.id}/decommission`, {})).statusCode, 404);

  // Handled and cleared: still not deleted (it has history), decommissioned instead.
  const step = (b: object) => as('ent', 'POST', `/api/v1/alarms/${alarm.id}/transitions`, b);
  await step({ action: 'acknowledge' });
  await step({ action: 'handle', disposal: '降温' });
  await send([{ sensor: 'XT-1', ts: t0 + 2000, value: 50 }]);
  assert.equal((await step({ action: 'clear' })).statusCode, 200);
  const refused = await as('ent', 'DELETE', `/api/v1/sensors/${xt.id}`);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().error.message, /停用/);
  assert.equal(refused.json().error.decommission, true);
  const done = await as('ent', 'POST', `/api/v1/sensors/${xt.id}/decommission`, {});
  assert.equal(done.statusCode, 200, done.body);
  assert.ok(done.json().decommissionedAt);
  assert.equal(done.json().decommissionedBy, 'cast-ent');
  assert.deepEqual(done.json().allowedActions, [], 'nothing more to do with it');
  const listed = (await as('county', 'GET', '/api/v1/sensors')).json().items.find((x: { id: string }) => x.id === xt.id);
  assert.ok(listed.decommissionedAt && listed.hasHistory, 'kept, marked, shown');
  assert.equal((await as('ent', 'POST', `/api/v1/sensors/${xt.id}/decommission`, {})).statusCode, 409, 'once');
  assert.equal((await as('ent', 'PUT', `/api/v1/sensors/${xt.id}`, { ...body, version: done.json().version })).statusCode, 409);

  // No longer ingesting or alarming: its readings are dead letters, a value over high raises nothing, silence no offline alarm.
  const late = await send([{ sensor: 'XT-1', ts: t0 + 3000, value: 150 }]);
  assert.deepEqual(late.json(), { accepted: 0, rejected: 1 });
  const [dead] = await t.db.query<{ reason: string }>('SELECT reason FROM telemetry_dead_letters ORDER BY id DESC LIMIT 1');
  assert.equal(dead?.reason, 'decommissioned');
  const silent = new TelemetryPipeline(t.db, { now: () => Date.now() + 3600_000 });
  await silent.ensurePartitions();
  await silent.checkOffline();
  assert.deepEqual([await alarms(), await readings()], [1, 3], 'history kept; nothing new');
  const installations = (await as('county', 'GET', '/api/v1/monitoring/installations')).json().items;
  assert.ok(
    installations.every((m: { sensors: number }) => m.sensors === 4),
    'the wall counts sensors in service (GT, PT, LT, XT-2)',
  );

  // Its code is free for the sensor that replaces it, which ingests and alarms as any.
  const replacement = await as('ent', 'POST', '/api/v1/sensors', body);
  assert.equal(replacement.statusCode, 201, replacement.body);
  t.app.telemetry.invalidate();
  assert.deepEqual((await send([{ sensor: 'XT-1', ts: t0 + 4000, value: 70 }])).json(), { accepted: 1, rejected: 0 });
  assert.equal(await count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1', [replacement.json().id]), 1);

  // Never deleted by any path: the database refuses it, and an installation with it is not deleted either.
  await assert.rejects(t.db.query('DELETE FROM sensors WHERE id = $1', [xt.id]), (e: { code?: string }) => e.code === '23503');
  assert.equal((await as('ent', 'DELETE', `/api/v1/major-hazard-installations/${installationId}`)).statusCode, 409);
  assert.deepEqual([await alarms(), await readings()], [1, 3]);

  // Without history it may still be deleted.
  assert.equal((await as('ent', 'DELETE', `/api/v1/sensors/${spare.id}`)).statusCode, 204);
  assert.equal(await count('SELECT count(*)::int AS n FROM sensors WHERE id = $1', [spare.id]), 0);
  const audited = await t.db.query<{ action: string; entity_id: string }>(
    "SELECT action, entity_id FROM audit_events WHERE action IN ('sensor.decommission', 'sensor.delete') ORDER BY seq",
  );
  assert.deepEqual(
    audited.map((a) => [a.action, a.entity_id]),
    [
      ['sensor.decommission', xt.id],
      ['sensor.delete', spare.id],
    ],
  );
});
