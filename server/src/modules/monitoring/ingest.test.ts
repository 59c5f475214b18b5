// Telemetry ingest end to end over HTTP and straight into a pipeline: accepted readings stored
// once, the rest dead-lettered with their reason, the bulk write's exactness, the minute
// aggregates across a crash, the alarm state rebuilt by a new pipeline, and retention. Each test
// opens its own site (test-site.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TelemetryPipeline } from './pipeline.ts';
import { openSite } from './test-site.ts';

test('HTTP ingest: accepted readings stored once, the rest dead-lettered with the reason; re-sending writes nothing twice', async (tc) => {
  const t = await openSite(tc);
  const { as, send, count, base, creditCode } = t;
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
  for (const who of ['county', 'ent'] as const) {
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
  const gas = t.sensor['GT-101'];
  const series = (await as('county', 'GET', `/api/v1/sensors/${gas}/series?from=${new Date(base - 1000).toISOString()}`)).json();
  assert.deepEqual(
    series.points.map((p: [string, number]) => p[1]),
    [3, 4, 5],
  );
  assert.equal((await as('kunshan', 'GET', `/api/v1/sensors/${gas}/series`)).statusCode, 404);
});

test('the bulk write: exact times and values; repeats, old readings and rows written by someone else are stored once and counted once', async (tc) => {
  const t = await openSite(tc);
  const { as, send, count, base } = t;
  const id = t.sensor['PT-201'] as string;
  const stored = () => count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1', [id]);
  const counted = async () => {
    await t.app.telemetry.closeMinutes(true);
    return count('SELECT sum(n)::int AS n FROM readings_minute WHERE sensor_id = $1', [id]);
  };
  const t0 = base + 20_000;
  // A reading before (the sensor has a latest value, as in service).
  await send([{ sensor: 'PT-201', ts: base, value: 0.8 }]);
  const before = await stored();
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

test('minute aggregates: the running minute stays in memory until it ends; after a crash the restart recounts it from the readings', async (tc) => {
  const t = await openSite(tc);
  const { count, creditCode } = t;
  await t.app.telemetry.closeMinutes(true);
  const lt = t.sensor['LT-301'];
  const minuteOf = async (at: number) =>
    (
      await t.db.query<{ n: number; sum: number }>('SELECT n, sum FROM readings_minute WHERE sensor_id = $1 AND minute = $2', [
        lt,
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
    await count('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1 AND ts = $2', [lt, new Date(at).toISOString()]),
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

test('a new pipeline rebuilds the state from the database: no duplicate alarm, the zone remembered', async (tc) => {
  const t = await openSite(tc);
  const { count, creditCode, base } = t;
  // Over high (20): one threshold alarm, raised through the app's pipeline.
  await t.send([{ sensor: 'GT-101', ts: base + 15_000, value: 22 }]);
  await t.app.telemetry.closeMinutes(true); // the latest value and zone written, as on a clean stop
  assert.equal(await count("SELECT count(*)::int AS n FROM alarms WHERE kind = 'threshold' AND status <> 'cleared'"), 1);
  const fresh = new TelemetryPipeline(t.db);
  await fresh.ensurePartitions();
  await fresh.ingest(creditCode, JSON.stringify({ readings: [{ sensor: 'GT-101', ts: base + 16_000, value: 24 }] }), 'mqtt');
  assert.equal(await count("SELECT count(*)::int AS n FROM alarms WHERE kind = 'threshold' AND status <> 'cleared'"), 1);
  await fresh.ingest(creditCode, Buffer.from('not json'), 'mqtt');
  assert.equal(await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE reason = 'malformed'"), 1);
});

test('retention: partitions, minute aggregates and dead letters older than the setting go, once, audited; newer ones stay', async (tc) => {
  const t = await openSite(tc);
  const { count, creditCode } = t;
  // Today's readings and their aggregates, which stay.
  await t.send([{ sensor: 'GT-101', ts: t.base, value: 3 }]);
  await t.app.telemetry.closeMinutes(true);
  const days = 30;
  const oldDay = new Date(Date.now() - 40 * 86400_000).toISOString().slice(0, 10);
  const oldTable = `readings_${oldDay.replace(/-/g, '')}`;
  const sensor = t.sensor['GT-101'];
  await t.db.query('SELECT ensure_reading_partitions($1::date, 1)', [oldDay]);
  await t.db.query(`INSERT INTO readings (sensor_id, ts, value) VALUES ($1, $2::date + interval '12 hours', 3)`, [sensor, oldDay]);
  await t.db.query(
    `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max) VALUES ($1, $2::date + interval '12 hours', 1, 3, 3, 3)`,
    [sensor, oldDay],
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
    partitionsBefore - 1,
    'the current partitions stay',
  );
  assert.equal(await count('SELECT count(*)::int AS n FROM readings'), readingsBefore - 1, "today's readings stay");
  assert.equal(await count('SELECT count(*)::int AS n FROM readings_minute WHERE minute < $1::date + 1', [oldDay]), 0);
  assert.ok((await count('SELECT count(*)::int AS n FROM readings_minute')) > 0, "recent minutes' aggregates stay");
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
