// Alarms end to end: the engine's rows (one per sensor and kind, severity rising with the
// furthest zone), the lifecycle and its audit, the live stream, offline alarms, and escalation to
// the county with its notices grouped in the inbox. Each test opens its own site (test-site.ts).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { escalateAlarms } from './alarms.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { openSite, within } from './test-site.ts';

test('alarms: high then high-high updates one alarm; stream pushes it; clear waits for the condition; every step audited', async (tc) => {
  const t = await openSite(tc);
  const { as, send, base } = t;
  await send([{ sensor: 'GT-101', ts: base + 3000, value: 5 }]);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const received: string[] = [];
  const stream = request(`${address}/api/v1/alarms/stream`, { headers: { cookie: t.cookies.county } });
  const opened = new Promise<void>((resolve) => {
    stream.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received.push(chunk);
        resolve();
      });
    });
  });
  stream.end();
  // On failure as well: the open stream would keep the file waiting.
  t.cleanup(() => stream.destroy());
  await within(opened, 'the alarm stream opening');
  await send([{ sensor: 'GT-101', ts: base + 10_000, value: 25 }]);
  await send([{ sensor: 'GT-101', ts: base + 11_000, value: 45 }]);
  const open = (await as('county', 'GET', '/api/v1/alarms')).json().items;
  // 5 → 25 %LEL in seven seconds is also far beyond the 50 %LEL/min rate limit.
  assert.deepEqual(open.map((a: { kind: string }) => a.kind).sort(), ['rate', 'threshold'], 'one alarm per sensor and kind');
  const alarm = open.find((a: { kind: string }) => a.kind === 'threshold');
  assert.deepEqual(
    [alarm.kind, alarm.severity, alarm.level, alarm.status, alarm.peakValue],
    ['threshold', 'critical', 'highHigh', 'raised', 45],
  );
  assert.deepEqual(alarm.allowedActions, ['acknowledge'], 'sent with what may be done next');
  assert.equal((await as('kunshan', 'GET', '/api/v1/alarms')).json().items.length, 0);
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(received.join('').includes(`"id":"${alarm.id}"`), 'pushed to the county’s stream');
  stream.destroy();

  const step = (who: 'county' | 'ent', body: object) => as(who, 'POST', `/api/v1/alarms/${alarm.id}/transitions`, body);
  assert.equal((await step('county', { action: 'handle', disposal: 'x' })).statusCode, 409);
  assert.equal((await step('ent', { action: 'acknowledge' })).json().status, 'acknowledged');
  assert.equal((await step('ent', { action: 'handle' })).statusCode, 400, 'a disposal note is required');
  assert.equal((await step('ent', { action: 'handle', disposal: '关闭进料阀，启动喷淋' })).json().status, 'handled');
  const early = await step('ent', { action: 'clear' });
  assert.equal(early.statusCode, 409, 'the gas is still high');
  await send([{ sensor: 'GT-101', ts: base + 12_000, value: 30 }]);
  const threshold = async () =>
    (await as('ent', 'GET', '/api/v1/alarms')).json().items.find((a: { kind: string }) => a.kind === 'threshold');
  const fell = await threshold();
  assert.deepEqual(
    [fell.level, fell.peakLevel, fell.severity, fell.peakValue, fell.lastValue],
    ['high', 'highHigh', 'critical', 45, 30],
    'fell back to high: still critical, as the furthest zone reached',
  );
  const wall = (await as('county', 'GET', '/api/v1/monitoring/installations')).json().items[0];
  assert.deepEqual(wall.alarms, { critical: 1, major: 0, warning: 1 }, 'the wall counts it as critical (and the rate alarm)');
  await send([{ sensor: 'GT-101', ts: base + 13_000, value: 18.5 }]);
  assert.equal((await threshold()).conditionActive, true, 'inside the hysteresis');
  await send([{ sensor: 'GT-101', ts: base + 14_000, value: 10 }]);
  const cleared = await step('ent', { action: 'clear' });
  assert.equal(cleared.json().status, 'cleared', cleared.body);
  const actions = await t.db.query<{ action: string }>('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq', [alarm.id]);
  assert.deepEqual(
    actions.map((a) => a.action),
    ['alarm.raise', 'alarm.severityRise', 'alarm.acknowledge', 'alarm.handle', 'alarm.clear'],
  );
  await send([{ sensor: 'GT-101', ts: base + 15_000, value: 22 }]);
  const again = await threshold();
  assert.notEqual(again.id, alarm.id, 'a new alarm after the old one was cleared');
});

test('offline after the timeout, cleared by the next reading; unacknowledged alarms escalate to the county once', async (tc) => {
  const t = await openSite(tc);
  const { count, creditCode } = t;
  await t.send([{ sensor: 'GT-101', ts: t.base, value: 5 }]);
  await t.app.telemetry.closeMinutes(true); // the latest value written
  const later = new TelemetryPipeline(t.db, { now: () => Date.now() + 10 * 60_000 });
  await later.ensurePartitions();
  assert.ok((await later.checkOffline()) >= 1);
  const offline = await t.db.query<{ id: string; condition_active: boolean }>(
    "SELECT id, condition_active FROM alarms WHERE kind = 'offline' AND status <> 'cleared'",
  );
  assert.ok(offline.length >= 1);
  assert.equal(await later.checkOffline(), 0, 'raised once');
  await later.ingest(creditCode, { readings: [{ sensor: 'GT-101', ts: Date.now() + 10 * 60_000, value: 5 }] }, 'http');
  const [gt] = await t.db.query<{ condition_active: boolean }>(
    "SELECT a.condition_active FROM alarms a JOIN sensors s ON s.id = a.sensor_id WHERE s.code = 'GT-101' AND a.kind = 'offline' AND a.status <> 'cleared'",
  );
  assert.equal(gt?.condition_active, false, 'the next reading clears the offline condition');
  await t.db.query("UPDATE alarms SET raised_at = now() - interval '11 minutes' WHERE status = 'raised'");
  const n = await escalateAlarms(t.db, 10);
  assert.ok(n >= 1);
  assert.equal(await escalateAlarms(t.db, 10), 0);
  assert.ok(
    (await count("SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'alarmEscalated'", [t.ids.county])) >= 1,
  );
});

test('AT-301 over high-high: the alarm rises to critical and stays; one escalation notice per alarm and step, grouped in the inbox', async (tc) => {
  const t = await openSite(tc);
  const { as, send, count } = t;
  // The report: AT-301 peaked at 51.09 ppm over 高高报 50 and stayed 高报/重要 on the wall.
  const created = await as('ent', 'POST', '/api/v1/sensors', {
    installationId: t.installationId,
    code: 'AT-301',
    name: '有毒气体探测器',
    type: 'toxicGas',
    rangeMin: 0,
    rangeMax: 100,
    high: 25,
    highHigh: 50,
    hysteresis: 2,
    offlineSeconds: 3600,
  });
  assert.equal(created.statusCode, 201, created.body);
  const at = Date.now() - 30_000;
  const alarmOf = async () =>
    (await as('county', 'GET', `/api/v1/alarms?sensorId=${created.json().id}`)).json().items[0] as Record<string, unknown>;
  // Another alarm of the day (GT-101 over high), escalated too: the inbox groups them all.
  await send([{ sensor: 'GT-101', ts: at, value: 25 }]);
  await t.db.query("UPDATE alarms SET raised_at = now() - interval '11 minutes' WHERE sensor_id = $1", [t.sensor['GT-101']]);
  assert.equal(await escalateAlarms(t.db, 10), 1);
  await send([{ sensor: 'AT-301', ts: at, value: 30 }]);
  const raised = await alarmOf();
  assert.deepEqual([raised.severity, raised.level], ['major', 'high']);
  const id = raised.id as string;
  const notices = () =>
    count('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND dedupe_key LIKE $2', [t.ids.county, `alarm:${id}:%`]);
  // Unacknowledged for 11 minutes: escalated at major, once, however many runs meet it at once.
  await t.db.query("UPDATE alarms SET raised_at = now() - interval '11 minutes' WHERE id = $1", [id]);
  await Promise.all([escalateAlarms(t.db, 10), escalateAlarms(t.db, 10), escalateAlarms(t.db, 10)]);
  assert.equal(await notices(), 1, 'one notice for the major step');
  // Over high-high, then back to high (several times, as a gas cloud drifts): critical from the first, and stays.
  for (const [i, value] of [51.09, 40, 52, 30, 49].entries()) await send([{ sensor: 'AT-301', ts: at + (i + 1) * 1000, value }]);
  const risen = await alarmOf();
  assert.deepEqual(
    [risen.id, risen.severity, risen.level, risen.peakLevel, risen.peakValue],
    [id, 'critical', 'high', 'highHigh', 52],
    'one alarm, critical, at high now',
  );
  const wall = (await as('county', 'GET', '/api/v1/monitoring/installations')).json().items[0];
  assert.ok(wall.alarms.critical >= 1, JSON.stringify(wall.alarms));
  const rises = await count("SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'alarm.severityRise'", [id]);
  assert.equal(rises, 1, 'the rise audited once');
  // Grown worse while unacknowledged: one more notice (the critical step), then none, however often the job runs.
  for (let i = 0; i < 3; i++) await escalateAlarms(t.db, 10);
  assert.equal(await notices(), 2, 'one notice per step: major, critical');
  const titles = await t.db.query<{ title: string }>(
    'SELECT title FROM notifications WHERE user_id = $1 AND dedupe_key LIKE $2 ORDER BY created_at',
    [t.ids.county, `alarm:${id}:%`],
  );
  assert.match(titles[0]?.title as string, /^重要报警超过10分钟未确认/);
  assert.match(titles[1]?.title as string, /^未确认报警由重要升级为严重/);
  const [alarmRow] = await t.db.query<{ escalated_severity: string }>('SELECT escalated_severity FROM alarms WHERE id = $1', [id]);
  assert.equal(alarmRow?.escalated_severity, 'critical');
  // The inbox: the day's escalations are one group, counted once in the bell; reading one reads the group.
  const inbox = (await as('county', 'GET', '/api/v1/notifications')).json();
  const escalations = inbox.items.filter((n: { kind: string }) => n.kind === 'alarmEscalated');
  assert.equal(escalations.length, 3, 'two steps of AT-301, one of GT-101');
  assert.equal(new Set(escalations.map((n: { group: string }) => n.group)).size, 1, 'one group');
  assert.match(escalations[0].group, /^alarmEscalated:\d{4}-\d{2}-\d{2}$/);
  assert.equal(inbox.unread, 1, 'the bell counts the group once');
  assert.equal((await as('county', 'POST', `/api/v1/notifications/${escalations[0].id}/read`)).statusCode, 204);
  const after = (await as('county', 'GET', '/api/v1/notifications')).json();
  assert.equal(after.unread, 0);
  assert.ok(after.items.every((n: { read: boolean }) => n.read));
  // Acknowledged: no further step is escalated.
  assert.equal((await as('ent', 'POST', `/api/v1/alarms/${id}/transitions`, { action: 'acknowledge' })).statusCode, 200);
  assert.equal(await escalateAlarms(t.db, 10), 0);
});
