// `npm run bench:telemetry`: end-to-end telemetry throughput on PostgreSQL with Mosquitto.
//
// The real server (`taishan serve`, Mosquitto — the bench's own unless MQTT_URL — persistent session) ingests what
// gateway clients publish as fast as the broker takes it, QoS 1, for BENCH_TELEMETRY_SECONDS
// (default 60; the issue's figure is 300), first with 100-reading batches (4 gateways), then with
// one reading per message (1 gateway: see gatewaysFor; BENCH_PUBLISHERS sets both). Reported: readings/s end to end (publish → validate → alarm
// evaluation → committed), the raw client-side COPY rate of the same number of identical rows into
// the same table, their ratio, the server's RSS at start and end, and the p99 from publishing a
// threshold crossing to its alarm arriving on a subscribed SSE client, measured under the load.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline as pump } from 'node:stream/promises';
import { BROKER_BACKLOG_WARNING } from '@taishan/domain';
import mqtt from 'mqtt';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';
import { encodeReadings, uuidBytes } from '../../server/src/modules/monitoring/copy-binary.ts';
import { apiLogin, issueGatewayLogin, startServer } from '../lib/server.ts';
import { RawGateway } from './gateway.ts';

/**
 * The broker. By default a Mosquitto of the bench's own, from the machine's binary, set as the
 * README advises for production: `max_queued_messages 0`, so what the server has not yet taken is
 * queued, not dropped. (The shared one on 1883 keeps Mosquitto's default of 1,000 queued messages
 * and drops beyond it; the gateways would have to hold back so early that the window, not the
 * server, would set the rate.) MQTT_URL points the bench at another broker instead.
 */
const OWN_BROKER_PORT = Number(process.env.BENCH_BROKER_PORT ?? 18831);
const MQTT_URL = process.env.MQTT_URL || `mqtt://127.0.0.1:${OWN_BROKER_PORT}`;
/**
 * BENCH_BROKER=embedded: the server's own in-process broker instead (no MQTT_URL), the gateways
 * logging in with a gateway credential. It acknowledges a publish only once its readings are
 * committed, so nothing is held outside the server; a figure beside Mosquitto's, not the issue's.
 */
const EMBEDDED = process.env.BENCH_BROKER === 'embedded';
const SECONDS = Number(process.env.BENCH_TELEMETRY_SECONDS ?? 60);
/**
 * Gateways publishing in the capacity phase. With one reading per message, one: Mosquitto 2.0 reads
 * one packet per connection per turn of its loop (mux_epoll.c), so N flooding gateways get N
 * publishes read for each acknowledgement of ours, and it holds every message it has not read our
 * acknowledgement for — measured, 4 gateways: 27,108/s committed while Mosquitto grew 10 → 783 MB
 * in 90 s holding 1.8 million messages; 1 gateway: 20,157/s with it flat at 13 MB. A rate the broker
 * cannot sustain is not a rate; the verdict line below says which a run was.
 */
const gatewaysFor = (batch: number) => Number(process.env.BENCH_PUBLISHERS ?? (batch === 1 && !EMBEDDED ? 1 : 4));
const SENSORS = Number(process.env.BENCH_SENSORS ?? 2000);
const PACED = Number(process.env.BENCH_PACED_RATE ?? 10000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20);
/** Messages published and not yet committed, at most (see the publishers). */
const WINDOW_MESSAGES = Number(process.env.BENCH_WINDOW_MESSAGES ?? (process.env.MQTT_URL ? 600 : 10000));

const rss = (pid: number | undefined) => {
  const m = pid ? /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')) : null;
  return m ? Math.round(Number(m[1]) / 1024) : null;
};
/** CPU seconds (user + system) used so far by the process `pid`. */
const cpuOf = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0; // gone meanwhile
  }
};
/** CPU seconds used so far by every process named `name` (all PostgreSQL backends, the broker). */
const cpuOfAll = (name: string) => {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) total += cpuOf(Number(pid));
    } catch {}
  }
  return total;
};
/** CPU seconds the whole machine has been busy (all cores; /proc/stat less idle and iowait). */
const cpuMachine = () => {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] as string).trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0)) / 100;
};
/**
 * Where the machine's CPU goes: the server, the broker, this load generator, and the rest —
 * PostgreSQL above all (its backends come and go, so it is what the others leave of the total).
 */
const cpuSnapshot = (serverPid: number | undefined) => ({
  server: serverPid ? cpuOf(serverPid) : 0,
  broker: cpuOfAll('mosquitto'),
  bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  machine: cpuMachine(),
});
type Cpu = ReturnType<typeof cpuSnapshot>;

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
  copyText: number;
  copyBinary: number;
  rowsPerWrite: number;
  writeShare: number;
  published: number;
  lost: number;
  ratio: number;
  rssStart: number | null;
  rssEnd: number | null;
  /** RSS (MB) at the start of the capacity phase and every 30 s after. */
  rssTrail: (number | null)[];
  /** The server's JavaScript heap in use (MB), sampled with the RSS. */
  heapTrail: number[];
  /** Memory outside the JavaScript heap (MB): Buffers and other external allocations, sampled with the RSS. */
  externalTrail: number[];
  /** The bench's own Mosquitto's RSS (MB), sampled with the server's: it holds each message until it reads our acknowledgement. */
  brokerRssTrail: (number | null)[];
  /** Most acknowledgements the server's subscriber held at once (stored, not yet taken by the socket), from its status. */
  acksWaitingMax: number;
  /** Most messages the broker said it held (its $SYS count, every second on the bench's own), null if it never said. */
  brokerStoredMax: number | null;
  /** Gateways that published. */
  gateways: number;
  /**
   * Whether the broker kept up: the most messages it held stayed within the operators' warning
   * (BROKER_BACKLOG_WARNING), or, where it never said, its RSS grew by under 50 MB. Null: unknown.
   */
  brokerKeptUp: boolean | null;
  p99: number;
  p50: number;
  probes: number;
  /** Cores busy on average in the window, per party. */
  cores: Cpu;
};

async function run(batch: number, brokerPid: number | undefined): Promise<Run> {
  const temp = await createTempDatabase('taishan_bench_telemetry');
  const env = {
    SIMULATE: '0',
    MQTT_URL: EMBEDDED ? '' : MQTT_URL,
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
    const adminCookie = await apiLogin(server.url, 'admin');
    type Counters = { flushes: number; written: number; writeMs: number; largestWrite: number; collisions: number };
    const statsAt = async (query: string) =>
      (await (await fetch(`${server.url}/api/v1/telemetry/stats${query}`, { headers: { cookie: adminCookie } })).json()) as {
        counters: Counters;
        memory: { heapUsed: number; external: number };
        mqtt: { port?: number | null; brokerStoredMessages?: number | null; subscribers?: { acksWaiting: number }[] } | null;
      };
    const stats = () => statsAt('');
    // Polled every 20 ms during the flood: the counters alone, no dead-letter queries.
    let acksWaitingMax = 0;
    let brokerStoredMax: number | null = null;
    const counters = async () => {
      const s = await statsAt('?only=counters');
      for (const sub of s.mqtt?.subscribers ?? []) acksWaitingMax = Math.max(acksWaitingMax, sub.acksWaiting);
      const held = s.mqtt?.brokerStoredMessages;
      if (typeof held === 'number') brokerStoredMax = Math.max(brokerStoredMax ?? 0, held);
      return s.counters;
    };

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

    // The embedded broker on the port the server chose, with a credential for the enterprise.
    let gatewayUrl = MQTT_URL;
    let login: { username: string; password: string } | undefined;
    if (EMBEDDED) {
      gatewayUrl = `mqtt://127.0.0.1:${(await stats()).mqtt?.port}`;
      login = await issueGatewayLogin(server.url, adminCookie, inst.enterprise_id, '压测网关');
    }
    const gateways = await Promise.all(
      Array.from({ length: gatewaysFor(batch) }, (_, i) => RawGateway.connect(gatewayUrl, `${env.MQTT_CLIENT_ID}-gw${i}`, login)),
    );
    // Readings carry the time they are made, as a gateway's do: each round over the sensors
    // gets the clock's time (a millisecond later than the last round at least, so it is new).
    const base = Date.now();
    let seq = 0;
    let round = -1;
    let roundTs = base - 1;
    // The gateways' messages, built as strings: the load generator shares the two cores with the
    // server, so it should spend as little of them as it can.
    const heads = Array.from({ length: SENSORS }, (_, i) => `{"sensor":"B${String(i + 1).padStart(5, '0')}","ts":`);
    const nextBatch = () => {
      let out = '{"readings":[';
      for (let k = 0; k < batch; k++) {
        const n = seq++;
        if (Math.floor(n / SENSORS) !== round) {
          round = Math.floor(n / SENSORS);
          roundTs = Math.max(Date.now(), roundTs + 1);
        }
        out += `${k ? ',' : ''}${heads[n % SENSORS]}${roundTs},"value":${40 + (n % 7)}}`;
      }
      return `${out}]}`;
    };
    // Stored so far: readings in committed writes, from the server's counters.
    const stored = async () => (await counters()).written;

    // Until the committed count stops moving and, when given, has reached `expected`: the
    // broker's backlog is written (at most 15 s).
    const settle = async (expected?: number) => {
      let last = await stored();
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 300));
        const n = await stored();
        if (n === last && (expected === undefined || n >= expected)) return;
        last = n;
      }
    };
    // A steady PACED readings/s for `seconds`, in 10 ms ticks.
    const paced = async (seconds: number) => {
      const from = await stored();
      let count = 0;
      const until = Date.now() + seconds * 1000;
      const perTick = Math.max(1, Math.round(PACED / 100 / batch));
      while (Date.now() < until) {
        const tick = Date.now();
        for (let i = 0; i < perTick; i++) (gateways[i % gateways.length] as RawGateway).publish(topic, nextBatch());
        count += perTick * batch;
        await new Promise((r) => setTimeout(r, Math.max(0, 10 - (Date.now() - tick))));
      }
      await settle(from + count);
      console.log(`paced ${seconds}s: published ${count}, stored ${(await stored()) - from}`);
    };
    // Warm-up (the server's code is compiled as it runs), then what it left is drained.
    await paced(3);

    // Phase 1 — latency under a steady load (PACED readings/s, below capacity): a gas reading
    // alternately over high-high and back twice a second, timed to its alarm on the SSE client.
    let crossing = 0;
    const probeTimer = setInterval(() => {
      crossing++;
      const value = crossing % 2 ? Number(probe.high_high) + 1 + (crossing % 1000) / 1000 : 1 + (crossing % 1000) / 1000;
      sent.set(value, Date.now());
      gateways[0]?.publish(topic, JSON.stringify({ readings: [{ sensor: probe.code, ts: Date.now(), value }] }));
    }, 500);
    await paced(PACED_SECONDS);
    clearInterval(probeTimer);

    // Phase 2 — capacity: publishers flood; the rate is what gets committed per second while the
    // server is saturated (measured between 5 s in and the end of the window).
    const rssStart = rss(server.pid);
    // RSS every 30 s: a plateau after the first minute is bounded memory, a steady climb is a leak.
    const rssTrail: (number | null)[] = [rssStart];
    // …and the JavaScript heap in use beside it (a level heap under a rising RSS is not a leak).
    const mem0 = (await stats()).memory;
    const heapTrail: number[] = [mem0.heapUsed];
    const externalTrail: number[] = [mem0.external];
    const brokerRssTrail = [rss(brokerPid)];
    const rssTimer = setInterval(async () => {
      rssTrail.push(rss(server.pid));
      brokerRssTrail.push(rss(brokerPid));
      const m = (await stats()).memory;
      heapTrail.push(m.heapUsed);
      externalTrail.push(m.external);
    }, 30_000);
    const t0 = Date.now();
    const writtenBefore = await stored();
    const stopAt = t0 + SECONDS * 1000;
    let sample: { at: number; n: number } | null = null;
    let c1: Counters | null = null;
    let cpu1: Cpu | null = null;
    const sampler = setTimeout(async () => {
      cpu1 = cpuSnapshot(server.pid);
      sample = { at: Date.now(), n: await stored() };
      c1 = await counters();
    }, 5000);
    // The broker acknowledges a publish when it has the message, not when the server has stored
    // it, and queues what the server has not taken (its own broker without limit; one with
    // Mosquitto's default drops past 1,000). So the gateways hold back while more than WINDOW
    // messages are published and not yet committed (read from the server's counters every 20 ms):
    // the rate measured is what the server sustains, with a bounded backlog and nothing lost.
    const window = WINDOW_MESSAGES * batch;
    let published = 0;
    let written = writtenBefore;
    const poller = setInterval(async () => {
      written = (await counters()).written;
    }, 20);
    const publisher = async (g: RawGateway) => {
      // Up to 200 messages in flight per gateway; each acknowledgement lets the next one go.
      let inflight = 0;
      let wake: (() => void) | null = null;
      const done = () => {
        inflight--;
        wake?.();
        wake = null;
      };
      while (Date.now() < stopAt) {
        if (published - (written - writtenBefore) > window) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        inflight++;
        published += batch;
        g.publish(topic, nextBatch(), done);
        if (inflight >= 200) await new Promise<void>((r) => (wake = r));
      }
      while (inflight) await new Promise<void>((r) => (wake = r));
    };
    await Promise.all(gateways.map(publisher));
    clearInterval(poller);
    clearInterval(rssTimer);
    clearTimeout(sampler);
    const cpu2 = cpuSnapshot(server.pid);
    const end = { at: Date.now(), n: await stored() };
    const c2 = await counters();
    const rssEnd = rss(server.pid);
    brokerRssTrail.push(rss(brokerPid));
    const first = (sample ?? { at: t0, n: 0 }) as { at: number; n: number };
    const rate = (end.n - first.n) / ((end.at - first.at) / 1000);
    const seconds = (end.at - first.at) / 1000;
    const windowRows = end.n - first.n;
    // What the writes looked like in the window: rows per transaction, and the share of the
    // window the pipeline spent waiting on them (one write at a time, so ≤ 1).
    const k1 = (c1 ?? { flushes: 0, written: 0, writeMs: 0 }) as Counters;
    const flushes = c2.flushes - k1.flushes;
    const rowsPerWrite = flushes ? Math.round((c2.written - k1.written) / flushes) : 0;
    const writeShare = Math.round(((c2.writeMs - k1.writeMs) / (end.at - first.at)) * 100) / 100;
    // Cores each party kept busy in the window (of the machine's two): who the bottleneck is.
    const c0 = (cpu1 ?? cpu2) as Cpu;
    const cores = Object.fromEntries(
      (Object.keys(cpu2) as (keyof Cpu)[]).map((k) => [k, Math.round(((cpu2[k] - c0[k]) / seconds) * 100) / 100]),
    ) as Cpu;
    cores.machine = Math.round((cores.machine - cores.server - cores.broker - cores.bench) * 100) / 100; // the rest
    // Everything published in the capacity phase should arrive: wait for the backlog to settle,
    // then count what the broker did not deliver.
    await settle(writtenBefore + published);
    const lost = published - ((await stored()) - writtenBefore);
    sse.destroy();
    await Promise.all(gateways.map((g) => g.end()));
    await server.stop();
    // The unread backlog stays with the broker session: end it (clean start) so it is not kept.
    for (let i = 0; !EMBEDDED && i < Number(env.MQTT_SUBSCRIBERS); i++) {
      const id = Number(env.MQTT_SUBSCRIBERS) > 1 ? `${env.MQTT_CLIENT_ID}-${i}` : env.MQTT_CLIENT_ID;
      await (await mqtt.connectAsync(MQTT_URL, { clientId: id, clean: true })).endAsync();
    }

    // Raw COPY of the same number of identical rows (a day later, then two, so they are new
    // rows), in text format (as psql's \copy) and in binary (what the pipeline uses); the
    // faster is the baseline for the ratio.
    const ids = (await db.query("SELECT id FROM sensors WHERE code LIKE 'B%' ORDER BY code")).rows.map((r) => r.id as string);
    const rawCopy = async (format: 'text' | 'binary', days: number) => {
      const later = base + days * 86400_000;
      const c0 = Date.now();
      const sql = `COPY readings (sensor_id, ts, value) FROM STDIN${format === 'binary' ? ' (FORMAT binary)' : ''}`;
      const idBytes = ids.map(uuidBytes);
      const chunks = (function* () {
        for (let from = 0; from < windowRows; from += 5000) {
          const to = Math.min(windowRows, from + 5000);
          if (format === 'binary') {
            const rows = [];
            for (let n = from; n < to; n++)
              rows.push({ sensor: { idBytes: idBytes[n % SENSORS] as Buffer }, ts: later + Math.floor(n / SENSORS), value: 40 + (n % 7) });
            const b = encodeReadings(rows);
            // One header, one trailer for the whole stream.
            yield b.subarray(from === 0 ? 0 : 19, to === windowRows ? b.length : b.length - 2);
          } else {
            let text = '';
            for (let n = from; n < to; n++)
              text += `${ids[n % SENSORS]}\t${new Date(later + Math.floor(n / SENSORS)).toISOString()}\t${40 + (n % 7)}\n`;
            yield text;
          }
        }
      })();
      await pump(Readable.from(chunks), db.query(copyFrom(sql)));
      return windowRows / ((Date.now() - c0) / 1000);
    };
    const copyText = await rawCopy('text', 1);
    const copyBinary = await rawCopy('binary', 2);
    const copyRate = Math.max(copyText, copyBinary);
    return {
      batch,
      sent: windowRows,
      seconds: Math.round(seconds * 10) / 10,
      rate: Math.round(rate),
      copyRate: Math.round(copyRate),
      copyText: Math.round(copyText),
      copyBinary: Math.round(copyBinary),
      rowsPerWrite,
      writeShare,
      published,
      lost,
      ratio: Math.round((rate / copyRate) * 100) / 100,
      rssStart,
      rssEnd,
      rssTrail,
      heapTrail,
      externalTrail,
      brokerRssTrail,
      acksWaitingMax,
      brokerStoredMax,
      gateways: gateways.length,
      brokerKeptUp: keptUp(brokerStoredMax, brokerRssTrail),
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      probes: latencies.length,
      cores,
    };
  } finally {
    await db.end();
    await server.stop().catch(() => undefined);
    await temp.drop();
  }
}

function keptUp(storedMax: number | null, brokerRss: (number | null)[]): boolean | null {
  if (storedMax !== null) return storedMax <= BROKER_BACKLOG_WARNING;
  const first = brokerRss[0];
  const last = brokerRss[brokerRss.length - 1];
  return typeof first === 'number' && typeof last === 'number' ? last - first < 50 : null;
}

/** Starts the bench's own Mosquitto on OWN_BROKER_PORT; resolves once it accepts connections. */
async function startOwnBroker(): Promise<{ pid: number | undefined; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'taishan-bench-broker-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${OWN_BROKER_PORT} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\nsys_interval 1\n`,
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(OWN_BROKER_PORT, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return { pid: child.pid, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`mosquitto did not start on ${OWN_BROKER_PORT} (is it installed? or set MQTT_URL)`);
}

const broker = process.env.MQTT_URL || EMBEDDED ? null : await startOwnBroker();
const runs: Run[] = [];
try {
  for (const batch of (process.env.BENCH_BATCHES ?? '100,1').split(',').map(Number)) {
    const r = await run(batch, broker?.pid);
    runs.push(r);
    console.log(JSON.stringify(r));
  }
} finally {
  broker?.stop();
}
console.log(
  EMBEDDED
    ? `\nthe server's embedded broker (acknowledges after commit), ${SENSORS} sensors, ${SECONDS} s`
    : `\nbroker ${MQTT_URL}${broker ? " (the bench's own Mosquitto, max_queued_messages 0)" : ''}, MQTT_SUBSCRIBERS=${process.env.MQTT_SUBSCRIBERS ?? '1'}, ${SENSORS} sensors, ${SECONDS} s`,
);
console.log(
  `\n| readings per message, gateways | committed in the window | seconds | published / not delivered | end-to-end readings/s (saturated) | rows per write, share of time writing | raw COPY rows/s text / binary | ratio to the faster | RSS start → end (MB) | publish → alarm pushed p50 / p99 at ${PACED}/s (ms, n) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of runs)
  console.log(
    `| ${r.batch}, ${r.gateways} | ${r.sent.toLocaleString('en')} | ${r.seconds} | ${r.published.toLocaleString('en')} / ${r.lost.toLocaleString('en')} | ${r.rate.toLocaleString('en')} | ${r.rowsPerWrite.toLocaleString('en')}, ${r.writeShare} | ${r.copyText.toLocaleString('en')} / ${r.copyBinary.toLocaleString('en')} | ${r.ratio} | ${r.rssStart} → ${r.rssEnd} | ${r.p50} / ${r.p99} (${r.probes}) |`,
  );
console.log('\nRSS (MB) every 30 s of the capacity phase:');
for (const r of runs) console.log(`  ${r.batch} per message: ${r.rssTrail.join(' → ')} → ${r.rssEnd}`);
console.log('JavaScript heap in use (MB), at the same times:');
for (const r of runs) console.log(`  ${r.batch} per message: ${r.heapTrail.join(' → ')}`);
console.log('Outside the heap (Buffers and other external memory, MB), at the same times:');
for (const r of runs) console.log(`  ${r.batch} per message: ${r.externalTrail.join(' → ')}`);
if (broker) {
  console.log("The bench's Mosquitto's RSS (MB), at the same times — it keeps each message until it reads our acknowledgement:");
  for (const r of runs) console.log(`  ${r.batch} per message: ${r.brokerRssTrail.join(' → ')}`);
}
console.log('Most acknowledgements the server held at once (stored, not yet taken by the socket):');
for (const r of runs) console.log(`  ${r.batch} per message: ${r.acksWaitingMax.toLocaleString('en')}`);
console.log('Most messages the broker said it held ($SYS/broker/store/messages/count):');
for (const r of runs) console.log(`  ${r.batch} per message: ${r.brokerStoredMax?.toLocaleString('en') ?? 'not said'}`);
console.log(
  `Sustained, i.e. the broker kept up (held at most ${BROKER_BACKLOG_WARNING.toLocaleString('en')} messages, or grew < 50 MB where it did not say):`,
);
for (const r of runs)
  console.log(
    `  ${r.batch} per message, ${r.gateways} gateway(s): ${EMBEDDED ? "embedded: nothing is held outside the server (see the server's RSS)" : r.brokerKeptUp === null ? 'unknown' : r.brokerKeptUp ? 'yes' : 'NO — the rate above outruns the broker and is not sustainable'}`,
  );
console.log(`\nCores busy in the window (of ${availableParallelism()}): server / Mosquitto / load generator / the rest (PostgreSQL):`);
for (const r of runs)
  console.log(`  ${r.batch} per message: ${r.cores.server} / ${r.cores.broker} / ${r.cores.bench} / ${r.cores.machine}`);
