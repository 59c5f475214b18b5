// No loss, no duplicates: the server ingests from Mosquitto with a persistent session (QoS 1,
// acknowledged only after commit) and is killed with SIGKILL mid-stream while a gateway keeps
// publishing. After a restart with the same session, every reading the broker accepted is
// stored exactly once.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import mqtt from 'mqtt';
import pg from 'pg';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { apiLogin, type RunningServer, startServer } from '../lib/server.ts';

const onPostgres = process.env.E2E_DB === 'postgresql';
const MOSQUITTO = 'mqtt://127.0.0.1:1883';

describe('kill -9 during MQTT ingest from Mosquitto (PostgreSQL)', { skip: !onPostgres && 'runs with E2E_DB=postgresql' }, () => {
  let temp: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let server: RunningServer | undefined;
  after(async () => {
    await server?.stop();
    await temp?.drop();
  });

  test('every reading the broker accepted is stored exactly once', async () => {
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
    const db = new pg.Client({ connectionString: temp.url });
    await db.connect();
    const stored = async () => Number((await db.query('SELECT count(*)::int AS n FROM readings')).rows[0].n);
    try {
      const BATCHES = 300;
      const PER = 20;
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
});
