// Several server processes against one PostgreSQL (issue 22 item 21, README "Scaling out"): four
// real `taishan serve` processes start together on one fresh database — A and B share the MQTT
// subscription on the machine's Mosquitto (MQTT_SHARE_GROUP), C and D ask for the embedded
// broker — and the test proves each point: start-up does not race (demo data made once), each
// scheduled job runs once per due time, an alarm raised through A reaches an SSE client on B,
// readings published once to the shared group are each stored exactly once with none lost, and
// only one process runs the embedded broker while the other says why it does not.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import pg from 'pg';
import { createTempDatabase } from './db/temp-database.ts';
import { EMBEDDED_BROKER_REFUSED } from './main.ts';

const onPostgres = process.env.TAISHAN_TEST_DB === 'postgresql';
const ROOT = resolve(import.meta.dirname, '..', '..');
const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const DEMO_PASSWORD = 'Taishan@2026';

type Proc = { name: string; url: string; child: ChildProcess; log: () => string };

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

/** `taishan serve` with the demo data, as a user runs it, on a random port. */
async function serve(name: string, env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG: '0', SIMULATE: '0', TAISHAN_INSTANCE: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output}`);
    if (output.includes('Taishan ready')) break;
    if (Date.now() > deadline) throw new Error(`${name} did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, url, child, log: () => output };
}

async function stop(p: Proc) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username} on ${url}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('several server processes on one PostgreSQL', {
  skip: !onPostgres && 'several processes share PostgreSQL only (PGlite is one process)',
}, () => {
  const procs: Proc[] = [];
  let a: Proc;
  let b: Proc;
  let db: pg.Client;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let dataDir: string;
  const tag = randomBytes(4).toString('hex');
  const clientId = `taishan-mp-${tag}`;

  before(async () => {
    const temp = await createTempDatabase('taishan_mp');
    drop = temp.drop;
    databaseUrl = temp.url;
    dataDir = mkdtempSync(join(tmpdir(), 'taishan-mp-'));
    // One shared data folder (as on a shared volume): the report key file is made once.
    const common = { DATABASE_URL: temp.url, DATA_DIR: dataDir, MQTT_PORT: '0' };
    const shared = { ...common, MQTT_URL, MQTT_SHARE_GROUP: `mp${tag}`, MQTT_CLIENT_ID: clientId };
    const embedded = { ...common, MQTT_URL: '' };
    // All four start at the same moment on the empty database.
    procs.push(...(await Promise.all([serve('a', shared), serve('b', shared), serve('c', embedded), serve('d', embedded)])));
    [a, b] = procs as [Proc, Proc];
    db = new pg.Client({ connectionString: temp.url });
    await db.connect();
  });

  after(async () => {
    await Promise.all(procs.map(stop));
    await db?.end();
    // The brokers' persistent sessions for A and B go with the test.
    for (const id of [`${clientId}-a`, `${clientId}-b`]) {
      const c = await mqtt.connectAsync(MQTT_URL, {
        clientId: id,
        clean: true,
        protocolVersion: 5,
        properties: { sessionExpiryInterval: 0 },
      });
      await c.endAsync();
    }
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('started together, they took turns: the demo data and the first scheduled job rows exist once', async () => {
    for (const p of procs) assert.match(p.log(), /Taishan ready .*instance: [abcd]/, `${p.name} is up and names itself`);
    const [dupSensors] = (
      await db.query('SELECT count(*)::int AS n FROM (SELECT enterprise_id, code FROM sensors GROUP BY 1, 2 HAVING count(*) > 1) d')
    ).rows;
    assert.equal(dupSensors.n, 0, 'demo sensors seeded once');
    const [sensors] = (await db.query('SELECT count(*)::int AS n FROM sensors')).rows;
    assert.ok(sensors.n > 0);
    const [users] = (await db.query("SELECT count(*)::int AS n FROM users WHERE username = 'county'")).rows;
    assert.equal(users.n, 1);
    const jobs = (await db.query('SELECT name FROM scheduled_jobs ORDER BY name')).rows.map((r) => r.name);
    assert.deepEqual(jobs, [
      'alarms.escalate',
      'alarms.offline',
      'blacklist.expire',
      'cmBoard.sync',
      'credit.recompute',
      'emergencyPlans.deemFiled',
      'hazards.escalate',
      'inspections.plan',
      'phEvents.detect',
      'phLevels.propose',
      'reports.escalate',
      'reports.retention',
      'telemetry.retention',
    ]);
  });

  test('each scheduled job runs once per due time across the four processes', async () => {
    // The offline check falls due every 5 s; four processes each look every second.
    await until('four offline checks', 45_000, async () => {
      const [r] = (await db.query("SELECT count(*)::int AS n FROM scheduled_job_runs WHERE name = 'alarms.offline'")).rows;
      return r.n >= 4;
    });
    const runs = (
      await db.query<{ due: number; started: number; instance: string }>(
        `SELECT extract(epoch FROM due_at)::float8 AS due, extract(epoch FROM started_at)::float8 AS started, instance
         FROM scheduled_job_runs WHERE name = 'alarms.offline' ORDER BY started_at`,
      )
    ).rows;
    const first = runs[0] as { due: number; started: number };
    for (const [i, r] of runs.entries()) {
      // On the job's rhythm: every due time a whole number of periods after the first…
      const periods = (r.due - first.due) / 5;
      assert.ok(Math.abs(periods - Math.round(periods)) < 1e-3, `due times 5 s apart (${r.due - first.due})`);
      // …and each due time once: no two runs started within one period.
      if (i > 0) assert.ok(r.due > (runs[i - 1] as { due: number }).due, 'due times only grow');
    }
    const span = (runs.at(-1) as { started: number }).started - first.started;
    assert.ok(
      runs.length <= Math.floor(span / 5) + 2,
      `${runs.length} runs in ${span.toFixed(1)} s: once per due time, not once per process`,
    );
    // The job row agrees with its runs, and nobody is left marked running once it finished.
    const [row] = (await db.query("SELECT runs::int AS runs FROM scheduled_jobs WHERE name = 'alarms.offline'")).rows;
    assert.ok(row.runs >= runs.length);
    const once = (await db.query('SELECT name, count(*)::int AS n FROM scheduled_job_runs GROUP BY name, due_at HAVING count(*) > 1')).rows;
    assert.deepEqual(once, []);
    // The ten-minute jobs were due at start: four processes started, each ran once.
    const tenMinute = (
      await db.query(
        "SELECT name, count(*)::int AS n FROM scheduled_job_runs WHERE name IN ('hazards.escalate', 'inspections.plan', 'reports.escalate', 'reports.retention') GROUP BY name ORDER BY name",
      )
    ).rows;
    assert.deepEqual(
      tenMinute.map((r) => [r.name, r.n]),
      [
        ['hazards.escalate', 1],
        ['inspections.plan', 1],
        ['reports.escalate', 1],
        ['reports.retention', 1],
      ],
    );
  });

  test('an alarm raised through A reaches an SSE client connected to B', async () => {
    const [sensor] = (
      await db.query<{ id: string; code: string; credit_code: string; high_high: number; range_max: number }>(
        `SELECT s.id, s.code, e.credit_code, s.high_high, s.range_max FROM sensors s JOIN enterprises e ON e.id = s.enterprise_id
         JOIN users u ON u.username = 'county' AND left(e.region_code, 6) = left(u.region_code, 6)
         WHERE s.type = 'toxicGas' ORDER BY s.code LIMIT 1`,
      )
    ).rows;
    assert.ok(sensor, 'a demo sensor in the county');
    const onA = await login(a.url, 'county');
    const onB = await login(b.url, 'county');
    const received: string[] = [];
    const stream = request(`${b.url}/api/v1/alarms/stream`, { headers: { cookie: onB } });
    await new Promise<void>((resolveOpen, fail) => {
      stream.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received.push(chunk);
          resolveOpen();
        });
      });
      stream.on('error', fail);
      stream.end();
    });
    try {
      const r = await fetch(`${a.url}/api/v1/telemetry`, {
        method: 'POST',
        headers: { cookie: onA, 'content-type': 'application/json' },
        body: JSON.stringify({
          creditCode: sensor.credit_code,
          readings: [{ sensor: sensor.code, ts: Date.now(), value: Math.min(sensor.range_max, sensor.high_high + 5) }],
        }),
      });
      assert.equal(r.status, 200, await r.text());
      const [alarm] = (await db.query("SELECT id FROM alarms WHERE sensor_id = $1 AND kind = 'threshold'", [sensor.id])).rows;
      assert.ok(alarm, 'A raised the alarm');
      await until('the alarm on B’s stream', 10_000, async () => received.join('').includes(`"id":"${alarm.id}"`));
    } finally {
      stream.destroy();
    }
  });

  test('readings published once to the shared subscription are stored exactly once, none lost, by both A and B', async () => {
    const [sensor] = (
      await db.query<{ id: string; code: string; credit_code: string; low: number; high: number }>(
        `SELECT s.id, s.code, e.credit_code, coalesce(s.low, s.range_min) AS low, coalesce(s.high, s.range_max) AS high FROM sensors s JOIN enterprises e ON e.id = s.enterprise_id
         WHERE s.type = 'level' ORDER BY e.credit_code, s.code LIMIT 1`,
      )
    ).rows;
    assert.ok(sensor);
    const admin = { a: await login(a.url, 'admin'), b: await login(b.url, 'admin') };
    const accepted = async (p: Proc, cookie: string) =>
      (
        (await (await fetch(`${p.url}/api/v1/telemetry/stats?only=counters`, { headers: { cookie } })).json()) as {
          counters: { accepted: number };
        }
      ).counters.accepted;
    const before = { a: await accepted(a, admin.a), b: await accepted(b, admin.b) };
    const N = 400;
    const start = Date.now() - (N + 60) * 1000;
    // Within range and between the alarm levels: stored, raising nothing.
    const mid = (sensor.low + sensor.high) / 2;
    const gateway = await mqtt.connectAsync(MQTT_URL, { clientId: `taishan-mp-gw-${tag}`, protocolVersion: 5 });
    try {
      for (let i = 0; i < N; i++)
        await gateway.publishAsync(
          `taishan/telemetry/${sensor.credit_code}`,
          JSON.stringify({ readings: [{ sensor: sensor.code, ts: start + i * 1000, value: mid }] }),
          { qos: 1 },
        );
    } finally {
      await gateway.endAsync();
    }
    const count = async () =>
      (
        await db.query<{ n: number }>('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1 AND ts >= $2 AND ts < $3', [
          sensor.id,
          new Date(start).toISOString(),
          new Date(start + N * 1000).toISOString(),
        ])
      ).rows[0]?.n ?? 0;
    await until(`${N} readings stored`, 30_000, async () => (await count()) >= N);
    // A little longer: a reading stored twice, or by both processes, would show now.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await count(), N, 'every reading once');
    const took = { a: (await accepted(a, admin.a)) - before.a, b: (await accepted(b, admin.b)) - before.b };
    assert.equal(took.a + took.b, N, `the broker handed each message to one process (${JSON.stringify(took)})`);
    assert.ok(took.a > 0 && took.b > 0, `both processes took a share (${JSON.stringify(took)})`);
  });

  test('one process runs the embedded broker; the other refuses with a clear message and takes HTTP only', () => {
    const [c, d] = procs.slice(2) as [Proc, Proc];
    const refused = [c, d].filter((p) => p.log().includes(EMBEDDED_BROKER_REFUSED));
    const running = [c, d].filter((p) => /MQTT: mqtt:\/\/localhost:\d+/.test(p.log()));
    assert.equal(refused.length, 1, 'exactly one refuses');
    assert.equal(running.length, 1, 'exactly one runs it');
    assert.notEqual(refused[0], running[0]);
    assert.match((refused[0] as Proc).log(), /MQTT: HTTP only/);
    // A and B, on the external broker, neither run nor refuse it.
    for (const p of [a, b]) assert.ok(!p.log().includes(EMBEDDED_BROKER_REFUSED));
  });

  test('a process starting beside running ones does not recount their running minutes: each reading counted once', async () => {
    const [sensor] = (
      await db.query<{ id: string; code: string; credit_code: string; low: number; high: number }>(
        `SELECT s.id, s.code, e.credit_code, coalesce(s.low, s.range_min) AS low, coalesce(s.high, s.range_max) AS high FROM sensors s
         JOIN enterprises e ON e.id = s.enterprise_id WHERE s.type = 'pressure' ORDER BY e.credit_code, s.code LIMIT 1`,
      )
    ).rows;
    assert.ok(sensor);
    // Readings of the running minute: A and B keep their aggregates in memory until it is over.
    const t0 = Date.now() - 3000;
    const K = 20;
    const gateway = await mqtt.connectAsync(MQTT_URL, { clientId: `taishan-mp-gw2-${tag}`, protocolVersion: 5 });
    try {
      for (let i = 0; i < K; i++)
        await gateway.publishAsync(
          `taishan/telemetry/${sensor.credit_code}`,
          JSON.stringify({ readings: [{ sensor: sensor.code, ts: t0 + i * 100, value: (sensor.low + sensor.high) / 2 }] }),
          { qos: 1 },
        );
    } finally {
      await gateway.endAsync();
    }
    const window = [sensor.id, new Date(t0 - 60_000).toISOString(), new Date(t0 + 60_000).toISOString()];
    await until(`${K} readings stored`, 15_000, async () => {
      const [r] = (await db.query('SELECT count(*)::int AS n FROM readings WHERE sensor_id = $1 AND ts >= $2 AND ts < $3', window)).rows;
      return r.n === K;
    });
    // D crashes and restarts while A and B run (a clean stop would move the watermark past this
    // minute, and nothing would be recounted)…
    const d = procs[3] as Proc;
    const gone = new Promise((r) => d.child.once('exit', r));
    d.child.kill('SIGKILL');
    await gone;
    procs[3] = await serve('d', { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MQTT_PORT: '0', MQTT_URL: '' });
    // …then A and B stop, writing the minutes they held.
    await Promise.all([stop(a), stop(b)]);
    const [m] = (
      await db.query(
        'SELECT coalesce(sum(n), 0)::int AS n FROM readings_minute WHERE sensor_id = $1 AND minute >= $2 AND minute < $3',
        window,
      )
    ).rows;
    assert.equal(m.n, K, 'the minute aggregates count each reading once');
  });
});
