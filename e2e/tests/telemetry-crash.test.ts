// No loss, no duplicates: the server ingests from Mosquitto with a persistent session (QoS 1,
// acknowledged only after commit) and is killed with SIGKILL mid-stream while a gateway keeps
// publishing. After a restart with the same session, every reading the broker accepted is
// stored exactly once. The same with the embedded broker: there the gateway itself holds what
// was not acknowledged and sends it again to the restarted server.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import mqtt from 'mqtt';
import pg from 'pg';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { apiLogin, issueGatewayLogin, type RunningServer, startServer } from '../lib/server.ts';

const onPostgres = process.env.E2E_DB === 'postgresql';
const MOSQUITTO = 'mqtt://127.0.0.1:1883';

describe('kill -9 during MQTT ingest (PostgreSQL)', { skip: !onPostgres && 'runs with E2E_DB=postgresql' }, () => {
  // Each test makes its own database and server; whatever it left running goes after it.
  let temp: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await temp?.drop();
    temp = undefined;
  });
  // 300 messages of 20 readings: the server dies part-way through.
  const BATCHES = 300;
  const PER = 20;
  /** A client on the test's database, and the count of readings stored so far. */
  const readingsOf = async (url: string) => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    return { db, stored: async () => Number((await db.query('SELECT count(*)::int AS n FROM readings')).rows[0].n) };
  };

  test('from Mosquitto: every reading the broker accepted is stored exactly once', async () => {
    temp = await createTempDatabase('taishan_telemetry_crash');
    const env = { SIMULATE: '0', MQTT_URL: MOSQUITTO, MQTT_CLIENT_ID: `taishan-crash-${process.pid}-${Date.now()}` };
    server = await startServer({ databaseUrl: temp.url, env });
    const cookie = await apiLogin(server.url, 'county');
    const sensors = (await (await fetch(`${server.url}/api/v1/sensors`, { headers: { cookie } })).json()) as {
      items: { code: string; creditCode: string; type: string }[];
    };
    const level = sensors.items.filter((s) => s.type === 'level');
    assert.ok(level.length >= 1);
    const gw = await mqtt.connectAsync(MOSQUITTO, { clientId: `${env.MQTT_CLIENT_ID}-gw` });
    const { db, stored } = await readingsOf(temp.url);
    try {
      // Readings of the running minute: their aggregates are in memory when the server dies.
      const t0 = Date.now();
      let sent = 0;
      let crashed = false;
      for (let b = 0; b < BATCHES; b++) {
        const s = level[b % level.length] as (typeof level)[number];
        const readings = Array.from({ length: PER }, (_, i) => ({ sensor: s.code, ts: t0 + b * PER + i, value: 5 + ((b + i) % 10) / 10 }));
        await gw.publishAsync(`taishan/telemetry/${s.creditCode}`, JSON.stringify({ readings }), { qos: 1 });
        sent += PER;
        // Die once part of the stream is stored and the rest is still coming.
        if (!crashed && b > 40 && (await stored()) > 0) {
          await server.crash();
          crashed = true;
        }
        if (b % 10 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(crashed, 'the server died mid-stream');
      const before = await stored();
      assert.ok(before < sent, `only part was stored before the restart (${before} of ${sent})`);
      server = await startServer({ databaseUrl: temp.url, env });
      for (let waited = 0; (await stored()) < sent && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 500));
      const rows = (await db.query('SELECT count(*)::int AS n, count(DISTINCT (sensor_id, ts))::int AS d FROM readings')).rows[0];
      console.log(`sent ${sent}, stored before the restart ${before}, after ${rows.n}`);
      assert.equal(rows.n, sent, 'every reading stored');
      assert.equal(rows.d, sent, 'none twice');
      // A clean stop writes the running minute; the restart recounted what the dead one held.
      await server.stop();
      server = undefined;
      const minutes = (await db.query('SELECT sum(n)::int AS n FROM readings_minute')).rows[0];
      assert.equal(minutes.n, sent, 'the minute aggregates counted each reading once');
    } finally {
      await gw.endAsync();
      await db.end();
      await server?.stop();
      server = undefined;
      // End the persistent session this test made on the shared Mosquitto (clean start).
      await (await mqtt.connectAsync(MOSQUITTO, { clientId: env.MQTT_CLIENT_ID, clean: true })).endAsync();
    }
  });

  test('through the embedded broker: what the gateway had acknowledged is stored; what was in flight is re-sent; each reading once', async () => {
    temp = await createTempDatabase('taishan_telemetry_crash_embedded');
    // A fixed port, so the restarted server listens where the gateway reconnects.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const env = { SIMULATE: '0', MQTT_URL: '', MQTT_PORT: String(port) };
    server = await startServer({ databaseUrl: temp.url, env });
    const admin = await apiLogin(server.url, 'admin');
    const sensors = (await (await fetch(`${server.url}/api/v1/sensors`, { headers: { cookie: admin } })).json()) as {
      items: { code: string; creditCode: string; enterpriseId: string; type: string }[];
    };
    const level = sensors.items.find((s) => s.type === 'level');
    assert.ok(level);
    const login = await issueGatewayLogin(server.url, admin, level.enterpriseId, '崩溃测试网关');
    const gw = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      ...login,
      clientId: `taishan-crash-gw-${process.pid}`,
      clean: false,
      reconnectPeriod: 200,
    });
    const { db, stored } = await readingsOf(temp.url);
    try {
      const t0 = Date.now();
      const acked: Promise<unknown>[] = [];
      let crashed = false;
      let ackedAtCrash = 0;
      let done = 0;
      for (let b = 0; b < BATCHES; b++) {
        const readings = Array.from({ length: PER }, (_, i) => ({
          sensor: level.code,
          ts: t0 + b * PER + i,
          value: 5 + ((b + i) % 10) / 10,
        }));
        // Not awaited one by one: the gateway keeps messages in flight, as a busy one does.
        acked.push(gw.publishAsync(`taishan/telemetry/${level.creditCode}`, JSON.stringify({ readings }), { qos: 1 }).then(() => done++));
        if (!crashed && b > 40 && (await stored()) > 0) {
          ackedAtCrash = done;
          await server.crash();
          crashed = true;
        }
        if (b % 10 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(crashed, 'the server died mid-stream');
      const before = await stored();
      assert.ok(before >= ackedAtCrash * PER, `what was acknowledged before the crash was stored (${before} ≥ ${ackedAtCrash * PER})`);
      assert.ok(before < BATCHES * PER, `only part was stored before the restart (${before})`);
      server = await startServer({ databaseUrl: temp.url, env });
      await Promise.race([
        Promise.all(acked),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`only ${done} of ${BATCHES} acknowledged after the restart`)), 30_000).unref(),
        ),
      ]);
      const rows = (await db.query('SELECT count(*)::int AS n, count(DISTINCT (sensor_id, ts))::int AS d FROM readings')).rows[0];
      console.log(`sent ${BATCHES * PER}, stored before the restart ${before}, after ${rows.n}`);
      assert.equal(rows.n, BATCHES * PER, 'every reading stored');
      assert.equal(rows.d, BATCHES * PER, 'none twice');
    } finally {
      await gw.endAsync(true);
      await db.end();
    }
  });
});
