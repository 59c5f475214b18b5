// Sensors, ingestion and alarms end to end: the registry in scope, HTTP and MQTT ingest (embedded
// broker and Mosquitto), dead letters, idempotent writes, the alarm engine's rows, the lifecycle,
// the live stream, escalation, and the state rebuilt by a new pipeline.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { enterpriseBody, makeUser, multipartBody, openTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { escalateAlarms } from './alarms.ts';
import { connectExternalBroker, startEmbeddedBroker } from './broker.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { simulateSensors } from './simulate-cli.ts';

const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

describe('monitoring', () => {
  let t: TestApp;
  const s: Record<string, string> = {};
  let enterpriseId = '';
  let creditCode = '';
  let installationId = '';
  let gas = '';
  const as = (who: string, method: string, url: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: s[who] as string }, payload: payload as object });
  const send = (readings: unknown[], who = 'ent') => as(who, 'POST', '/api/v1/telemetry', { readings });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]?.n;
  const base = Date.now() - 60_000;
  /** Issues a gateway credential; returns the MQTT login it gives. */
  const issue = async (who: string, body: object) => {
    const r = await as(who, 'POST', '/api/v1/gateway-credentials', body);
    assert.equal(r.statusCode, 201, r.body);
    return { username: r.json().username as string, password: r.json().password as string, id: r.json().id as string };
  };

  // Every MQTT client and stream a test opens is closed after the suite whatever happened, and every wait on
  // the network bounded: a test that fails half-way must fail, not leave the file waiting forever
  // on a client that keeps reconnecting or an event that never comes.
  const cleanups: (() => void)[] = [];
  const connect = async (url: string, opts: mqtt.IClientOptions) => {
    const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 3000, ...opts });
    cleanups.push(() => c.end(true));
    return c;
  };
  const within = <T>(p: Promise<T>, what: string, ms = 10_000) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref())]);

  before(async () => {
    t = await openTestApp();
    s.admin = await t.login('admin');
    const e = (await as('admin', 'POST', '/api/v1/enterprises', enterpriseBody(7, '320582100000', { industryCode: '2614' }))).json();
    enterpriseId = e.id;
    creditCode = e.creditCode;
    await makeUser(t.db, { username: 'ent', role: 'enterpriseAdmin', enterpriseId });
    await makeUser(t.db, { username: 'county', role: 'countySupervisor', regionCode: '320582000000' });
    await makeUser(t.db, { username: 'kunshan', role: 'countySupervisor', regionCode: '320583000000' });
    for (const u of ['ent', 'county', 'kunshan']) s[u] = await t.login(u);
    installationId = (
      await as('ent', 'POST', '/api/v1/major-hazard-installations', {
        enterpriseId,
        name: '液氯罐区',
        substances: [{ name: '氯', quantityTonnes: 20 }],
        peopleWithin500m: 10,
      })
    ).json().id;
  });
  after(async () => {
    for (const clean of cleanups) clean();
    await t.close();
  });

  test('the registry: thresholds checked, one code per enterprise, enterprise writes, county reads, others see nothing', async () => {
    const body = {
      installationId,
      code: 'GT-101',
      name: '1号罐可燃气体',
      type: 'combustibleGas',
      rangeMin: 0,
      rangeMax: 100,
      high: 20,
      highHigh: 40,
      hysteresis: 2,
      rateLimit: 50,
      offlineSeconds: 60,
    };
    const bad = await as('ent', 'POST', '/api/v1/sensors', { ...body, high: 50 });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.highHigh);
    assert.equal((await as('county', 'POST', '/api/v1/sensors', body)).statusCode, 403, 'the enterprise keeps its registry');
    const created = await as('ent', 'POST', '/api/v1/sensors', body);
    assert.equal(created.statusCode, 201, created.body);
    gas = created.json().id;
    assert.equal(created.json().unit, '%LEL');
    assert.equal((await as('ent', 'POST', '/api/v1/sensors', body)).statusCode, 400, 'the code is taken');
    const csv = Buffer.from(
      '重大危险源编号,点位编号,点位名称,类型,量程下限,量程上限,高报,高高报\n' +
        `${installationId},PT-201,1号罐压力,压力,0,2.5,1.6,2.0\n${installationId},LT-301,1号罐液位,液位,0,12,10,11\n`,
    );
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sensors/import',
      headers: { cookie: s.ent as string, ...multipartBody({ content: csv, filename: 's.csv' }).headers },
      payload: multipartBody({ content: csv, filename: 's.csv' }).payload,
    });
    assert.equal(bulk.statusCode, 200, bulk.body);
    assert.equal(bulk.json().imported, 2);
    const badCsv = Buffer.from(
      `重大危险源编号,点位编号,点位名称,类型,量程下限,量程上限\n${installationId},TT-1,温度,温度,0,100\n${installationId},TT 2,温度,未知类型,5,1\n`,
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sensors/import',
      headers: { cookie: s.ent as string, ...multipartBody({ content: badCsv, filename: 's.csv' }).headers },
      payload: multipartBody({ content: badCsv, filename: 's.csv' }).payload,
    });
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.json().error.fields.line3);
    assert.equal(await count("SELECT count(*)::int AS n FROM sensors WHERE code = 'TT-1'"), 0, 'all or nothing');
    assert.equal((await as('county', 'GET', '/api/v1/sensors')).json().items.length, 3);
    assert.equal((await as('kunshan', 'GET', '/api/v1/sensors')).json().items.length, 0);
  });

  test('HTTP ingest: accepted readings stored once, the rest dead-lettered with the reason; re-sending writes nothing twice', async () => {
    const readings = [
      { sensor: 'GT-101', ts: base, value: 3 },
      { sensor: 'GT-101', ts: new Date(base + 1000).toISOString(), value: 4 },
      { sensor: 'PT-201', ts: base, value: 0.8 },
      { sensor: 'NOPE', ts: base, value: 1 },
      { sensor: 'GT-101', ts: base + 2000, value: 150 },
      { sensor: 'GT-101', ts: 'yesterday', value: 1 },
      { sensor: 'GT-101', ts: Date.now() + 3600_000, value: 1 },
    ];
    const r = await send(readings);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { accepted: 3, rejected: 4 });
    assert.equal((await send(readings)).json().accepted, 3);
    assert.equal(await count('SELECT count(*)::int AS n FROM readings'), 3, 'unique on (sensor, ts)');
    await t.app.telemetry.closeMinutes(true); // the running minute's aggregates are written when it ends
    assert.equal(await count('SELECT sum(n)::int AS n FROM readings_minute'), 3, 'aggregates count each reading once');
    const reasons = await t.db.query<{ reason: string }>('SELECT reason FROM telemetry_dead_letters ORDER BY id LIMIT 4');
    assert.deepEqual(reasons.map((x) => x.reason).sort(), ['future', 'invalid', 'outOfRange', 'unknownSensor']);
    // Operators see the counters and what was refused, with the reason; no one else does.
    const stats = (await as('admin', 'GET', '/api/v1/telemetry/stats')).json();
    assert.ok(stats.counters.accepted >= 6 && stats.counters.written >= 6 && stats.counters.flushes >= 2, JSON.stringify(stats.counters));
    assert.ok(
      stats.memory.rss > 0 && stats.memory.heapUsed > 0 && stats.memory.heapUsed <= stats.memory.heapTotal,
      JSON.stringify(stats.memory),
    );
    assert.deepEqual(stats.deadLetters.last24h.map((x: { reason: string }) => x.reason).sort(), [
      'future',
      'invalid',
      'outOfRange',
      'unknownSensor',
    ]);
    assert.equal(stats.deadLetters.recent[0].creditCode, creditCode);
    const light = (await as('admin', 'GET', '/api/v1/telemetry/stats?only=counters')).json();
    assert.equal(light.counters.written, stats.counters.written, 'the counters alone, for frequent polling');
    assert.equal(light.deadLetters, undefined);
    assert.deepEqual([stats.mqtt, stats.warnings, light.warnings], [null, [], []], 'no broker started here, nothing amiss');
    assert.equal((await as('admin', 'GET', '/api/v1/telemetry/stats?only=everything')).statusCode, 400);
    for (const who of ['county', 'ent']) {
      assert.equal((await as(who, 'GET', '/api/v1/telemetry/stats')).statusCode, 403);
      assert.equal((await as(who, 'GET', '/api/v1/telemetry/stats?only=counters')).statusCode, 403);
    }
    assert.equal((await as('kunshan', 'POST', '/api/v1/telemetry', { readings, creditCode })).statusCode, 404, 'not in scope');
    assert.equal(
      (await as('county', 'POST', '/api/v1/telemetry', { readings: [{ sensor: 'GT-101', ts: base + 3000, value: 5 }], creditCode })).json()
        .accepted,
      1,
    );
    const sensor = (await as('ent', 'GET', '/api/v1/sensors')).json().items.find((x: { code: string }) => x.code === 'GT-101');
    assert.equal(sensor.latest.value, 5);
    const series = (await as('county', 'GET', `/api/v1/sensors/${gas}/series?from=${new Date(base - 1000).toISOString()}`)).json();
    assert.deepEqual(
      series.points.map((p: [string, number]) => p[1]),
      [3, 4, 5],
    );
    assert.equal((await as('kunshan', 'GET', `/api/v1/sensors/${gas}/series`)).statusCode, 404);
  });

  test('the bulk write: exact times and values; repeats, old readings and rows written by someone else are stored once and counted once', async () => {
    const [pt] = await t.db.query<{ id: string }>("SELECT id FROM sensors WHERE code = 'PT-201'");
    const id = pt?.id as string;
    const stored = () => count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1', [id]);
    const counted = async () => {
      await t.app.telemetry.closeMinutes(true);
      return count('SELECT sum(n)::int AS n FROM readings_minute WHERE sensor_id = $1', [id]);
    };
    const t0 = base + 20_000;
    const before = (await stored()) as number;
    // A repeat inside one batch, times to the millisecond, a value that is not round in binary
    // (values stay under the high threshold: this test raises no alarm).
    const first = await send([
      { sensor: 'PT-201', ts: t0 + 123, value: 0.123456789 },
      { sensor: 'PT-201', ts: t0 + 123, value: 0.123456789 },
      { sensor: 'PT-201', ts: t0 + 1, value: 1.25 },
    ]);
    assert.deepEqual(first.json(), { accepted: 3, rejected: 0 });
    assert.equal(await stored(), before + 2);
    const rows = await t.db.query<{ ts: Date | string; value: number }>(
      'SELECT ts, value FROM readings WHERE sensor_id = $1 AND ts >= $2 ORDER BY ts',
      [id, new Date(t0).toISOString()],
    );
    assert.deepEqual(
      rows.map((r) => [new Date(r.ts).toISOString(), r.value]),
      [
        [new Date(t0 + 1).toISOString(), 1.25],
        [new Date(t0 + 123).toISOString(), 0.123456789],
      ],
    );
    // Older than the newest stored: written the careful way, and only if new.
    await send([{ sensor: 'PT-201', ts: t0 - 500, value: 1 }]);
    await send([{ sensor: 'PT-201', ts: t0 - 500, value: 1 }]);
    assert.equal(await stored(), before + 3);
    assert.equal(await counted(), await stored(), 'every stored reading counted once in the minute aggregates');
    // A row the pipeline did not write, newer than anything it knows: the bulk write collides,
    // and the batch is written again without it.
    await t.db.query('INSERT INTO readings (sensor_id, ts, value) VALUES ($1, $2, 1.5)', [id, new Date(t0 + 5000).toISOString()]);
    const stats = async () => (await as('admin', 'GET', '/api/v1/telemetry/stats')).json();
    const collisions = (await stats()).counters.collisions;
    const again = await send([
      { sensor: 'PT-201', ts: t0 + 5000, value: 1.5 },
      { sensor: 'PT-201', ts: t0 + 6000, value: 1 },
    ]);
    assert.deepEqual(again.json(), { accepted: 2, rejected: 0 });
    assert.equal((await stats()).counters.collisions, collisions + 1);
    assert.equal(await stored(), before + 5);
    assert.equal(await counted(), before + 4, 'the row written outside the pipeline is not counted by it');
    const sensor = (await as('ent', 'GET', '/api/v1/sensors')).json().items.find((x: { code: string }) => x.code === 'PT-201');
    assert.equal(sensor.latest.value, 1, 'the newest reading is the latest value');
  });

  test('minute aggregates: the running minute stays in memory until it ends; after a crash the restart recounts it from the readings', async () => {
    await t.app.telemetry.closeMinutes(true);
    const [lt] = await t.db.query<{ id: string }>("SELECT id FROM sensors WHERE code = 'LT-301'");
    const minuteOf = async (at: number) =>
      (
        await t.db.query<{ n: number; sum: number }>('SELECT n, sum FROM readings_minute WHERE sensor_id = $1 AND minute = $2', [
          lt?.id,
          new Date(at - (at % 60000)).toISOString(),
        ])
      )[0];
    // Two minutes ahead (a gateway's clock may run up to five ahead): a minute that has not ended.
    // One second into that minute, so that the readings two seconds later fall in the same minute.
    const ahead = Date.now() + 120_000;
    const at = ahead - (ahead % 60_000) + 1000;
    const first = new TelemetryPipeline(t.db);
    await first.ensurePartitions();
    await first.recoverMinutes();
    await first.ingest(creditCode, JSON.stringify({ readings: [{ sensor: 'LT-301', ts: at, value: 5 }] }), 'mqtt');
    await first.closeMinutes();
    assert.equal(
      await count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1 AND ts = $2', [lt?.id, new Date(at).toISOString()]),
      1,
    );
    assert.equal(await minuteOf(at), undefined, 'not written before the minute ends');
    // `first` dies here with the minute in memory; the next process recounts it from the readings.
    const next = new TelemetryPipeline(t.db);
    await next.ensurePartitions();
    await next.recoverMinutes();
    assert.deepEqual(await minuteOf(at), { n: 1, sum: 5 });
    await next.ingest(creditCode, JSON.stringify({ readings: [{ sensor: 'LT-301', ts: at + 1000, value: 6 }] }), 'mqtt');
    await next.recoverMinutes(); // a second restart counts nothing twice
    await next.ingest(creditCode, JSON.stringify({ readings: [{ sensor: 'LT-301', ts: at + 2000, value: 7 }] }), 'mqtt');
    await next.closeMinutes(true);
    assert.deepEqual(await minuteOf(at), { n: 3, sum: 18 });
  });

  test('alarms: high then high-high updates one alarm; stream pushes it; clear waits for the condition; every step audited', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const received: string[] = [];
    const stream = request(`${address}/api/v1/alarms/stream`, { headers: { cookie: s.county as string } });
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
    await within(opened, 'the alarm stream opening');
    // On failure as well: the open stream would keep the file waiting.
    cleanups.push(() => stream.destroy());
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
    assert.equal((await as('kunshan', 'GET', '/api/v1/alarms')).json().items.length, 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(received.join('').includes(`"id":"${alarm.id}"`), 'pushed to the county’s stream');
    stream.destroy();

    const step = (who: string, body: object) => as(who, 'POST', `/api/v1/alarms/${alarm.id}/transitions`, body);
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

  test('a new pipeline rebuilds the state from the database: no duplicate alarm, the zone remembered', async () => {
    const fresh = new TelemetryPipeline(t.db);
    await fresh.ensurePartitions();
    await fresh.ingest(creditCode, JSON.stringify({ readings: [{ sensor: 'GT-101', ts: base + 16_000, value: 24 }] }), 'mqtt');
    assert.equal(await count("SELECT count(*)::int AS n FROM alarms WHERE kind = 'threshold' AND status <> 'cleared'"), 1);
    await fresh.ingest(creditCode, Buffer.from('not json'), 'mqtt');
    assert.equal(await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE reason = 'malformed'"), 1);
  });

  test('offline after the timeout, cleared by the next reading; unacknowledged alarms escalate to the county once', async () => {
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
      ((await count(
        "SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'county' AND n.kind = 'alarmEscalated'",
      )) as number) >= 1,
    );
  });

  test('AT-301 over high-high: the alarm rises to critical and stays; one escalation notice per alarm and step, grouped in the inbox', async () => {
    // The report: AT-301 peaked at 51.09 ppm over 高高报 50 and stayed 高报/重要 on the wall.
    const created = await as('ent', 'POST', '/api/v1/sensors', {
      installationId,
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
    await send([{ sensor: 'AT-301', ts: at, value: 30 }]);
    const raised = await alarmOf();
    assert.deepEqual([raised.severity, raised.level], ['major', 'high']);
    const id = raised.id as string;
    const notices = () =>
      count(
        `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.username = 'county' AND n.dedupe_key LIKE $1`,
        [`alarm:${id}:%`],
      );
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
      "SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'county' AND n.dedupe_key LIKE $1 ORDER BY n.created_at",
      [`alarm:${id}:%`],
    );
    assert.match(titles[0]?.title as string, /^重要报警超过10分钟未确认/);
    assert.match(titles[1]?.title as string, /^未确认报警由重要升级为严重/);
    const [alarmRow] = await t.db.query<{ escalated_severity: string }>('SELECT escalated_severity FROM alarms WHERE id = $1', [id]);
    assert.equal(alarmRow?.escalated_severity, 'critical');
    // The inbox: the day's escalations are one group, counted once in the bell; reading one reads the group.
    const inbox = (await as('county', 'GET', '/api/v1/notifications')).json();
    const escalations = inbox.items.filter((n: { kind: string }) => n.kind === 'alarmEscalated');
    assert.ok(escalations.length >= 3, `${escalations.length} escalation notices (the earlier test's too)`);
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

  test('retention: partitions, minute aggregates and dead letters older than the setting go, once, audited; newer ones stay', async () => {
    const days = 30;
    const oldDay = new Date(Date.now() - 40 * 86400_000).toISOString().slice(0, 10);
    const oldTable = `readings_${oldDay.replace(/-/g, '')}`;
    const [sensor] = await t.db.query<{ id: string }>("SELECT id FROM sensors WHERE code = 'GT-101'");
    await t.db.query('SELECT ensure_reading_partitions($1::date, 1)', [oldDay]);
    await t.db.query(`INSERT INTO readings (sensor_id, ts, value) VALUES ($1, $2::date + interval '12 hours', 3)`, [sensor?.id, oldDay]);
    await t.db.query(
      `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max) VALUES ($1, $2::date + interval '12 hours', 1, 3, 3, 3)`,
      [sensor?.id, oldDay],
    );
    await t.db.query(
      `INSERT INTO telemetry_dead_letters (received_at, source, credit_code, reason, payload) VALUES
         (now() - interval '31 days', 'http', $1, 'malformed', 'old'), (now() - interval '29 days', 'http', $1, 'malformed', 'kept')`,
      [creditCode],
    );
    const partitionsBefore = await count(
      "SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'readings'",
    );
    const readingsBefore = await count('SELECT count(*)::int AS n FROM readings');

    assert.deepEqual(await t.app.telemetry.expireOlderThan(days), { partitions: 1, deadLetters: 1 });
    assert.equal(await count('SELECT count(*)::int AS n FROM pg_class WHERE relname = $1', [oldTable]), 0, 'the old partition is dropped');
    assert.equal(
      await count("SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'readings'"),
      (partitionsBefore as number) - 1,
      'the current partitions stay',
    );
    assert.equal(await count('SELECT count(*)::int AS n FROM readings'), (readingsBefore as number) - 1, "today's readings stay");
    assert.equal(await count('SELECT count(*)::int AS n FROM readings_minute WHERE minute < $1::date + 1', [oldDay]), 0);
    assert.ok(((await count('SELECT count(*)::int AS n FROM readings_minute')) as number) > 0, "recent minutes' aggregates stay");
    assert.equal(await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE payload = 'old'"), 0);
    assert.equal(await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE payload = 'kept'"), 1);
    const [audit] = await t.db.query<{ after: { retentionDays: number; partitions: string[]; deadLetters: number } }>(
      "SELECT after FROM audit_events WHERE action = 'telemetry.expire' ORDER BY seq DESC LIMIT 1",
    );
    assert.deepEqual(audit?.after, { retentionDays: days, partitions: [oldTable], deadLetters: 1 });
    // Nothing left to expire: nothing goes and nothing is audited.
    const audits = await count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'telemetry.expire'");
    assert.deepEqual(await t.app.telemetry.expireOlderThan(days), { partitions: 0, deadLetters: 0 });
    assert.equal(await count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'telemetry.expire'"), audits);
  });

  test('simulate-sensors publishes readings for the sensors the account sees, through the broker', async () => {
    const address = t.app.server.listening
      ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
      : await t.app.listen({ port: 0, host: '127.0.0.1' });
    const pipeline = new TelemetryPipeline(t.db);
    await pipeline.ensurePartitions();
    const broker = await startEmbeddedBroker(pipeline, t.app.gateways, { port: 0, host: '127.0.0.1' });
    try {
      const before = (await count('SELECT count(*)::int AS n FROM readings')) as number;
      const lines: string[] = [];
      const run = (username: string) =>
        simulateSensors(
          {
            installations: 1,
            sensorsPer: 2,
            rate: 10,
            batch: 100,
            mqttUrl: `mqtt://127.0.0.1:${broker.port}`,
            apiUrl: address,
            username,
            password: TEST_PASSWORD,
            seconds: 1,
          },
          (m) => lines.push(m),
        );
      // A supervisor sees the sensors but may not issue the gateway credential the broker wants.
      await assert.rejects(run('county'), /may not issue a gateway credential/);
      assert.equal(await run('admin'), 0);
      assert.match(lines.find((l) => l.includes('simulating')) as string, /simulating 2 sensors on 1 installations/);
      await pipeline.drain();
      assert.ok(((await count('SELECT count(*)::int AS n FROM readings')) as number) >= before + 10, 'readings arrived');
      assert.equal(
        await count("SELECT count(*)::int AS n FROM gateway_credentials WHERE name LIKE 'simulate-sensors%' AND revoked_at IS NULL"),
        0,
        'the run’s credential is revoked after it',
      );
    } finally {
      await broker.close();
    }
  });

  for (const [name, mode] of [
    ['embedded broker', 'embedded'],
    ['Mosquitto', 'external'],
  ] as const)
    test(`MQTT QoS 1 through the ${name}: acknowledged means stored`, async () => {
      const pipeline = new TelemetryPipeline(t.db);
      await pipeline.ensurePartitions();
      const clientId = `taishan-test-${mode}-${process.pid}-${Date.now()}`;
      // MQTT_URL may carry a password (the test Mosquitto takes any): the status must not repeat it.
      const withPassword = MOSQUITTO.replace('//', '//taishan:s3cret-pw@');
      const ingest =
        mode === 'embedded'
          ? await startEmbeddedBroker(pipeline, t.app.gateways, { port: 0, host: '127.0.0.1' })
          : await connectExternalBroker(pipeline, withPassword, clientId);
      t.app.mqtt = ingest;
      try {
        const url = mode === 'embedded' ? `mqtt://127.0.0.1:${ingest.port}` : MOSQUITTO;
        // The embedded broker wants the enterprise's gateway credential; the test Mosquitto is open.
        const login = mode === 'embedded' ? await issue('ent', { name: 'DCS 网关' }) : {};
        const gw = await connect(url, { clientId: `${clientId}-gw`, ...login });
        const t0 = base + (mode === 'embedded' ? 30_000 : 40_000);
        const before = (await count('SELECT count(*)::int AS n FROM readings')) as number;
        await within(
          gw.publishAsync(
            `taishan/telemetry/${creditCode}`,
            JSON.stringify({ readings: Array.from({ length: 50 }, (_, i) => ({ sensor: 'PT-201', ts: t0 + i * 100, value: 1 })) }),
            { qos: 1 },
          ),
          'PUBACK',
        );
        if (mode === 'external') await pipeline.drain().then(() => new Promise((r) => setTimeout(r, 300)));
        await gw.endAsync();
        // Embedded: the PUBACK came after the commit, so the rows are there now.
        for (let i = 0; i < 50 && (await count('SELECT count(*)::int AS n FROM readings')) !== before + 50; i++)
          await new Promise((r) => setTimeout(r, 50));
        assert.equal(await count('SELECT count(*)::int AS n FROM readings'), before + 50);
        // What operators see of the MQTT side.
        const stats = (await as('admin', 'GET', '/api/v1/telemetry/stats?only=counters')).json();
        assert.doesNotMatch(JSON.stringify(stats), /s3cret-pw/);
        if (mode === 'embedded') assert.deepEqual(stats.mqtt, { kind: 'embedded', port: ingest.port, clients: 0 });
        else {
          assert.equal(stats.mqtt.broker, MOSQUITTO);
          // Mosquitto's retained $SYS count expires a minute after it last changed: a quiet broker may
          // not say (subscriber.test.ts checks the count is read).
          assert.ok(stats.mqtt.brokerStoredMessages === null || Number.isInteger(stats.mqtt.brokerStoredMessages));
          const [sub] = stats.mqtt.subscribers;
          assert.deepEqual(
            [sub.connected, sub.reconnects, sub.received, sub.storing, sub.acksWaiting],
            [true, 0, 1, 0, 0],
            JSON.stringify(sub),
          );
        }
        assert.deepEqual(stats.warnings, []);
        if (mode === 'external') {
          await ingest.close();
          const after = (await as('admin', 'GET', '/api/v1/telemetry/stats?only=counters')).json();
          assert.deepEqual(
            after.warnings.map((w: { code: string }) => w.code),
            ['subscriberDown'],
            'a subscriber that is gone is warned of',
          );
        }
      } finally {
        t.app.mqtt = null;
        await ingest.close();
        // End the persistent session this test made on the shared Mosquitto (clean start).
        if (mode === 'external') await (await connect(MOSQUITTO, { clientId, clean: true })).endAsync();
      }
    });

  test('gateway credentials: the enterprise admin issues and revokes; the broker refuses strangers, other enterprises, subscriptions and revoked ones', async () => {
    const other = (await as('admin', 'POST', '/api/v1/enterprises', enterpriseBody(8, '320582100000'))).json();
    await makeUser(t.db, { username: 'staff', role: 'enterpriseStaff', enterpriseId });
    s.staff = await t.login('staff');
    assert.equal((await as('staff', 'POST', '/api/v1/gateway-credentials', { name: 'x' })).statusCode, 403, 'staff only read');
    assert.equal((await as('county', 'POST', '/api/v1/gateway-credentials', { name: 'x', enterpriseId })).statusCode, 403);
    assert.equal((await as('county', 'GET', '/api/v1/gateway-credentials')).statusCode, 403, 'supervisors do not run gateways');
    assert.equal((await as('ent', 'POST', '/api/v1/gateway-credentials', { name: 'x', regionCode: '320582' })).statusCode, 403);
    assert.equal((await as('ent', 'POST', '/api/v1/gateway-credentials', { name: 'x', enterpriseId: other.id })).statusCode, 403);
    const bad = await as('ent', 'POST', '/api/v1/gateway-credentials', { name: '' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.name);
    const login = await issue('ent', { name: '2号罐区网关' });
    const listed = (await as('staff', 'GET', '/api/v1/gateway-credentials')).json().items;
    const mine = listed.find((c: { id: string }) => c.id === login.id);
    assert.equal(mine.name, '2号罐区网关');
    assert.equal(mine.creditCode, creditCode);
    assert.equal('password' in mine, false, 'the secret is shown once, at issue');
    assert.deepEqual(mine.allowedActions, [], 'staff only read: no revoke button');
    const asAdmin = (await as('ent', 'GET', '/api/v1/gateway-credentials')).json().items.find((c: { id: string }) => c.id === login.id);
    assert.deepEqual(asAdmin.allowedActions, ['revoke'], 'its enterprise admin may revoke it');
    const stored = await t.db.query<{ secret_sha256: string }>('SELECT secret_sha256 FROM gateway_credentials WHERE id = $1', [login.id]);
    assert.notEqual(stored[0]?.secret_sha256, login.password, 'only its hash is stored');

    const pipeline = new TelemetryPipeline(t.db);
    await pipeline.ensurePartitions();
    const broker = await startEmbeddedBroker(pipeline, t.app.gateways, { port: 0, host: '127.0.0.1' });
    const url = `mqtt://127.0.0.1:${broker.port}`;
    try {
      await assert.rejects(connect(url, {}), /Bad username or password|Not authorized/i, 'anonymous');
      await assert.rejects(connect(url, { username: login.username, password: 'guess' }), /Bad username or password/i);
      const gw = await connect(url, { ...login });
      await assert.rejects(
        gw.subscribeAsync('taishan/telemetry/+', { qos: 1 }),
        /Subscribe error/,
        'no subscriptions through the platform broker',
      );
      const t0 = base + 50_000;
      await within(
        gw.publishAsync(`taishan/telemetry/${creditCode}`, JSON.stringify({ readings: [{ sensor: 'PT-201', ts: t0, value: 1 }] }), {
          qos: 1,
        }),
        'PUBACK',
      );
      assert.equal(
        await count('SELECT count(*)::int AS n FROM readings WHERE ts = $1', [new Date(t0).toISOString()]),
        1,
        'its own enterprise',
      );
      // Another enterprise's topic: not stored, no PUBACK, the connection is closed.
      const closed = new Promise<void>((r) => gw.once('close', () => r()));
      gw.publish(`taishan/telemetry/${other.creditCode}`, JSON.stringify({ readings: [{ sensor: 'PT-201', ts: t0 + 1, value: 1 }] }), {
        qos: 1,
      });
      await within(closed, 'the broker closing a publish to another enterprise');
      gw.end(true);
      const refused = (await as('admin', 'GET', '/api/v1/telemetry/stats')).json().gateways;
      assert.ok(refused.refusedPublishes >= 1 && refused.refusedLogins >= 2 && refused.refusedSubscribes >= 1, JSON.stringify(refused));

      // Over HTTP the same credential (Basic id:secret) and the same coverage rule.
      const basic = (secret: string) => `Basic ${Buffer.from(`${login.username}:${secret}`).toString('base64')}`;
      const post = (payload: object, secret = login.password) =>
        t.app.inject({ method: 'POST', url: '/api/v1/telemetry', headers: { authorization: basic(secret) }, payload });
      const reading = { sensor: 'PT-201', ts: t0 + 2000, value: 1.2 };
      const viaHttp = await post({ creditCode, readings: [reading] });
      assert.equal(viaHttp.statusCode, 200, viaHttp.body);
      assert.deepEqual(viaHttp.json(), { accepted: 1, rejected: 0 });
      assert.equal((await post({ creditCode: other.creditCode, readings: [reading] })).statusCode, 403);
      // The next batches reuse the credential's answers (cached a minute): the same outcomes.
      const refusedBefore = (await as('admin', 'GET', '/api/v1/telemetry/stats')).json().gateways.refusedPublishes;
      assert.equal((await post({ creditCode: other.creditCode, readings: [reading] })).statusCode, 403);
      assert.equal((await as('admin', 'GET', '/api/v1/telemetry/stats')).json().gateways.refusedPublishes, refusedBefore + 1);
      assert.deepEqual((await post({ creditCode, readings: [{ ...reading, ts: t0 + 3000 }] })).json(), { accepted: 1, rejected: 0 });
      assert.equal((await post({ readings: [reading] })).statusCode, 400, 'a gateway names the enterprise');
      assert.equal((await post({ creditCode, readings: [reading] }, 'guess')).statusCode, 401);

      // Revoking closes the live connection, and the credential no longer logs in.
      const live = await connect(url, { ...login });
      const gone = new Promise<void>((r) => live.once('close', () => r()));
      assert.equal((await as('kunshan', 'POST', `/api/v1/gateway-credentials/${login.id}/revoke`)).statusCode, 404, 'not theirs to see');
      assert.equal((await as('staff', 'POST', `/api/v1/gateway-credentials/${login.id}/revoke`)).statusCode, 403);
      const revoked = await as('ent', 'POST', `/api/v1/gateway-credentials/${login.id}/revoke`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.ok(revoked.json().revokedAt);
      await within(gone, 'revoking closing the live connection');
      live.end(true);
      await assert.rejects(connect(url, { ...login }), /Bad username or password/i);
      assert.equal((await post({ creditCode, readings: [reading] })).statusCode, 401, 'nor sends over HTTP');
      assert.equal((await as('ent', 'POST', `/api/v1/gateway-credentials/${login.id}/revoke`)).statusCode, 409);
      const actions = await t.db.query<{ action: string }>('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq', [login.id]);
      assert.deepEqual(
        actions.map((a) => a.action),
        ['gatewayCredential.issue', 'gatewayCredential.revoke'],
      );
    } finally {
      await broker.close();
    }
  });

  test('a sensor with history is decommissioned, never deleted; open alarms block it; one without history may be deleted; both audited', async () => {
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
    assert.equal(done.json().decommissionedBy, 'ent');
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
      installations.every((m: { sensors: number }) => m.sensors === 5),
      'the wall counts sensors in service (GT, PT, LT, AT, XT-2)',
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
});
