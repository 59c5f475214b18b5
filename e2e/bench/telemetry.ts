// `npm run bench:telemetry`: end-to-end telemetry throughput on PostgreSQL with Mosquitto.
//
// The real server (`taishan serve`, MQTT_URL = Mosquitto, persistent session) ingests what
// BENCH_PUBLISHERS gateway clients publish as fast as the broker takes it, QoS 1, for
// BENCH_TELEMETRY_SECONDS (default 60; the figure is 300), first with 100-reading batches,
// then with one reading per message. Reported: readings/s end to end (publish → validate → alarm
// evaluation → committed), the raw client-side COPY rate of the same number of identical rows into
// the same table, their ratio, the server's RSS at start and end, and the p99 from publishing a
// threshold crossing to its alarm arriving on a subscribed SSE client, measured under the load.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline as pump } from 'node:stream/promises';
import mqtt from 'mqtt';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { apiLogin, startServer } from '../lib/server.ts';

const MQTT_URL = process.env.MQTT_URL || 'mqtt://127.0.0.1:1883';
const SECONDS = Number(process.env.BENCH_TELEMETRY_SECONDS ?? 60);
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 4);
const SENSORS = Number(process.env.BENCH_SENSORS ?? 2000);
const PACED = Number(process.env.BENCH_PACED_RATE ?? 10000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20);

const rss = (pid: number | undefined) => {
  const m = pid ? /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')) : null;
  return m ? Math.round(Number(m[1]) / 1024) : null;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : Number.NaN;
};

type Run = {
  batch: number;
  sent: number;
  seconds: number;
  rate: number;
  copyRate: number;
  ratio: number;
  rssStart: number | null;
  rssEnd: number | null;
  p99: number;
  p50: number;
  probes: number;
};

async function run(batch: number): Promise<Run> {
  const temp = await createTempDatabase('taishan_bench_telemetry');
  const env = {
    SIMULATE: '0',
    MQTT_URL,
    MQTT_CLIENT_ID: `taishan-bench-${process.pid}-${batch}-${Date.now()}`,
    MQTT_SUBSCRIBERS: process.env.MQTT_SUBSCRIBERS ?? '1',
    LOG: '0',
  };
  const server = await startServer({ databaseUrl: temp.url, env });
  const db = new pg.Client({ connectionString: temp.url });
  await db.connect();
  try {
    // Sensors: many level sensors on the demo county's installations (quiet: no alarms), plus the
    // demo's gas sensor used as the latency probe.
    const inst = (
      await db.query(
        "SELECT m.id, m.enterprise_id, e.credit_code FROM sensors s JOIN major_hazard_installations m ON m.id = s.installation_id JOIN enterprises e ON e.id = m.enterprise_id WHERE s.code LIKE 'GT-%' ORDER BY s.code LIMIT 1",
      )
    ).rows[0];
    await db.query(
      `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max, high, high_high, hysteresis, offline_seconds)
       SELECT $1, $2, 'B' || lpad(g::text, 5, '0'), '压测点位' || g, 'level', 'm', 0, 100, 95, 99, 0.5, 3600 FROM generate_series(1, $3) g`,
      [inst.id, inst.enterprise_id, SENSORS],
    );
    const probe = (await db.query("SELECT code, high_high FROM sensors WHERE installation_id = $1 AND code LIKE 'GT-%' LIMIT 1", [inst.id]))
      .rows[0];
    const topic = `taishan/telemetry/${inst.credit_code}`;
    const cookie = await apiLogin(server.url, 'county');

    // The SSE subscriber: times each alarm change of the probe sensor.
    const sent = new Map<number, number>();
    const latencies: number[] = [];
    const sse = request(`${server.url}/api/v1/alarms/stream`, { headers: { cookie } });
    sse.on('response', (res) => {
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const event = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (!data) continue;
          const a = JSON.parse(data) as { lastValue: number | null };
          const at = a.lastValue === null ? undefined : sent.get(a.lastValue);
          if (at !== undefined) {
            latencies.push(Date.now() - at);
            sent.delete(a.lastValue as number);
          }
        }
      });
    });
    sse.end();

    const gateways = await Promise.all(
      Array.from({ length: PUBLISHERS }, (_, i) => mqtt.connectAsync(MQTT_URL, { clientId: `${env.MQTT_CLIENT_ID}-gw${i}` })),
    );
    const base = Date.now() - 3600_000;
    let seq = 0;
    const nextBatch = () =>
      Array.from({ length: batch }, () => {
        const n = seq++;
        return { sensor: `B${String((n % SENSORS) + 1).padStart(5, '0')}`, ts: base + Math.floor(n / SENSORS), value: 40 + (n % 7) };
      });
    // Stored so far, cheaply: the minute aggregates count exactly the rows written.
    const stored = async () => Number((await db.query('SELECT coalesce(sum(n), 0)::bigint AS n FROM readings_minute')).rows[0].n);

    // Phase 1 — latency under a steady load (PACED readings/s, below capacity): a gas reading
    // alternately over high-high and back twice a second, timed to its alarm on the SSE client.
    let crossing = 0;
    const probeTimer = setInterval(() => {
      crossing++;
      const value = crossing % 2 ? Number(probe.high_high) + 1 + (crossing % 1000) / 1000 : 1 + (crossing % 1000) / 1000;
      sent.set(value, Date.now());
      void gateways[0]?.publishAsync(topic, JSON.stringify({ readings: [{ sensor: probe.code, ts: Date.now(), value }] }), { qos: 1 });
    }, 500);
    const pacedUntil = Date.now() + PACED_SECONDS * 1000;
    const perTick = Math.max(1, Math.round(PACED / 100 / batch));
    while (Date.now() < pacedUntil) {
      const tick = Date.now();
      for (let i = 0; i < perTick; i++) {
        void (gateways[i % gateways.length] as mqtt.MqttClient).publishAsync(topic, JSON.stringify({ readings: nextBatch() }), { qos: 1 });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 10 - (Date.now() - tick))));
    }
    clearInterval(probeTimer);
    await new Promise((r) => setTimeout(r, 1500));

    // Phase 2 — capacity: publishers flood; the rate is what gets committed per second while the
    // server is saturated (measured between 5 s in and the end of the window).
    const rssStart = rss(server.pid);
    const t0 = Date.now();
    const stopAt = t0 + SECONDS * 1000;
    let sample: { at: number; n: number } | null = null;
    const sampler = setTimeout(async () => {
      sample = { at: Date.now(), n: await stored() };
    }, 5000);
    const publisher = async (g: mqtt.MqttClient) => {
      const inflight = new Set<Promise<unknown>>();
      while (Date.now() < stopAt) {
        const p = g.publishAsync(topic, JSON.stringify({ readings: nextBatch() }), { qos: 1 });
        inflight.add(p);
        p.finally(() => inflight.delete(p));
        if (inflight.size >= 200) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    };
    await Promise.all(gateways.map(publisher));
    clearTimeout(sampler);
    const end = { at: Date.now(), n: await stored() };
    const rssEnd = rss(server.pid);
    const first = (sample ?? { at: t0, n: 0 }) as { at: number; n: number };
    const rate = (end.n - first.n) / ((end.at - first.at) / 1000);
    const seconds = (end.at - first.at) / 1000;
    const windowRows = end.n - first.n;
    sse.destroy();
    await Promise.all(gateways.map((g) => g.endAsync()));
    await server.stop();
    // The unread backlog stays with the broker session: end it (clean start) so it is not kept.
    for (let i = 0; i < Number(env.MQTT_SUBSCRIBERS); i++) {
      const id = Number(env.MQTT_SUBSCRIBERS) > 1 ? `${env.MQTT_CLIENT_ID}-${i}` : env.MQTT_CLIENT_ID;
      await (await mqtt.connectAsync(MQTT_URL, { clientId: id, clean: true })).endAsync();
    }

    // Raw COPY of the same number of identical rows (one day later, so they are new rows).
    const ids = (await db.query("SELECT id FROM sensors WHERE code LIKE 'B%' ORDER BY code")).rows.map((r) => r.id as string);
    const c0 = Date.now();
    const copy = db.query(copyFrom('COPY readings (sensor_id, ts, value) FROM STDIN'));
    const dayLater = base + 86400_000;
    await pump(
      Readable.from(
        (function* () {
          const chunk: string[] = [];
          for (let n = 0; n < windowRows; n++) {
            chunk.push(`${ids[n % SENSORS]}\t${new Date(dayLater + Math.floor(n / SENSORS)).toISOString()}\t${40 + (n % 7)}\n`);
            if (chunk.length === 5000) yield chunk.splice(0).join('');
          }
          if (chunk.length) yield chunk.join('');
        })(),
      ),
      copy,
    );
    const copyRate = windowRows / ((Date.now() - c0) / 1000);
    return {
      batch,
      sent: windowRows,
      seconds: Math.round(seconds * 10) / 10,
      rate: Math.round(rate),
      copyRate: Math.round(copyRate),
      ratio: Math.round((rate / copyRate) * 100) / 100,
      rssStart,
      rssEnd,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      probes: latencies.length,
    };
  } finally {
    await db.end();
    await server.stop().catch(() => undefined);
    await temp.drop();
  }
}

const runs: Run[] = [];
for (const batch of (process.env.BENCH_BATCHES ?? '100,1').split(',').map(Number)) {
  const r = await run(batch);
  runs.push(r);
  console.log(JSON.stringify(r));
}
console.log(`\nMQTT_SUBSCRIBERS=${process.env.MQTT_SUBSCRIBERS ?? '1'}, ${PUBLISHERS} publishers, ${SENSORS} sensors, ${SECONDS} s`);
console.log(
  `\n| readings per message | committed in the window | seconds | end-to-end readings/s (saturated) | raw COPY rows/s | ratio | RSS start → end (MB) | publish → alarm pushed p50 / p99 at ${PACED}/s (ms, n) |`,
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of runs)
  console.log(
    `| ${r.batch} | ${r.sent.toLocaleString('en')} | ${r.seconds} | ${r.rate.toLocaleString('en')} | ${r.copyRate.toLocaleString('en')} | ${r.ratio} | ${r.rssStart} → ${r.rssEnd} | ${r.p50} / ${r.p99} (${r.probes}) |`,
  );
