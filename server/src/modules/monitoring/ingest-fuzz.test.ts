// No message stops ingestion. Thousands of hostile messages — nested 100,000 deep, a megabyte
// long, invalid UTF-8 and NUL bytes, wrong types, NaN and Infinity — go through the embedded
// broker and through Mosquitto, then one good reading: it is stored within 5 s, every hostile
// message was acknowledged and kept as a dead letter, and the subscriber never had to reconnect.
// Over HTTP the same bodies answer 400 (or 200 with dead letters for a well-formed batch), never
// 500. And a batch the database itself refuses is dead-lettered alone, without the batches
// written with it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import type { Db, Queryable } from '../../db/db.ts';
import { enterpriseBody, makeUser, openTestApp, type TestApp } from '../../test/harness.ts';
import { connectExternalBroker, startEmbeddedBroker } from './broker.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { prng } from './simulator.ts';

const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';
/** Hostile messages per broker. */
const COUNT = 2000;

/** A hostile message, and whether it nests deeper than a telemetry message may. */
type Hostile = { payload: Buffer; deep: boolean };

/**
 * COUNT messages none of which holds a reading that can be stored (the one registered sensor,
 * FZ-1, measures 0–100: it is named only with wrong types or values out of range). Fixed cases
 * first, then random mutations of a batch for an unknown sensor: bytes flipped, cut, NUL and
 * invalid UTF-8 inserted, wrapped in nesting.
 */
function hostilePayloads(count: number, now: number): Hostile[] {
  const rand = prng(22);
  const int = (n: number) => Math.floor(rand() * n);
  const text = (s: string, deep = false) => ({ payload: Buffer.from(s), deep });
  const bytes = (b: number[]) => ({ payload: Buffer.from(b), deep: false });
  const arrays = (d: number) => '['.repeat(d) + ']'.repeat(d);
  const objects = (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;
  const one = (r: string) => `{"readings":[${r}]}`;
  const fz = (ts: string, value: string, sensor = '"FZ-1"') => one(`{"sensor":${sensor},"ts":${ts},"value":${value}}`);
  const fixed = [
    // Not a batch.
    ...['', ' ', 'null', '[]', '{}', '"x"', '5', 'true', '\ufeff{}', 'NaN', 'Infinity', '{"readings":[]}', '{"readings":null}'].map((s) =>
      text(s),
    ),
    ...['{"readings":{}}', '{"readings":"x"}', '{"readings":5}', '{"readings":[1],"x":2}', '{"__proto__":{"readings":[]}}'].map((s) =>
      text(s),
    ),
    // Readings of the wrong shape.
    ...['null', '1', '[]', '"GT"', 'true', '{}', '{"sensor":"FZ-1"}', '{"sensor":"FZ-1","ts":1,"value":1,"x":1}'].map((r) => text(one(r))),
    text(one(`{"sensor":"FZ-1","ts":${now},"value":1,"__proto__":{"value":2}}`)),
    text(one(`{"constructor":{"prototype":{"x":1}},"sensor":"FZ-1","ts":${now},"value":1}`)),
    // NaN and Infinity: bare (not JSON), as strings, and as numbers too large for a double.
    ...[
      'NaN',
      'Infinity',
      '-Infinity',
      '"NaN"',
      '"Infinity"',
      '"-Infinity"',
      '1e309',
      '-1e309',
      '"1"',
      'null',
      'true',
      '[1]',
      '{"v":1}',
    ].map((v) => text(fz(String(now), v))),
    ...['NaN', '"NaN"', 'Infinity', '"Infinity"', '1e400', '-1', '0', '1.5', 'true', 'null', '[]', '"yesterday"'].map((ts) =>
      text(fz(ts, '1')),
    ),
    ...['"2026-13-45T99:99:99Z"', '"2026-01-01T00:00:00+99:99"', '"0000-01-01T00:00:00Z"', '"9999-12-31T23:59:59Z"'].map((ts) =>
      text(fz(ts, '1')),
    ),
    // Wrong sensors: empty, too long, not a string, NUL and half a surrogate pair (as JSON escapes).
    ...['""', `"${'x'.repeat(41)}"`, '5', 'null', '"\\u0000"', '"FZ-1\\u0000"', '"\\ud800"', '"\\udfff FZ"'].map((s) =>
      text(fz(String(now), '1', s)),
    ),
    // Values out of the range, times out of the window.
    text(fz(String(now), '1e9')),
    text(fz(String(now), '-1e9')),
    text(fz(String(now + 86_400_000), '1')),
    text(fz(String(now - 30 * 86_400_000), '1')),
    // Nesting: the whole message, the readings, one reading, one value.
    ...[10, 1000, 100_000].flatMap((d) => [
      text(arrays(d), d > 8),
      text(objects(d), d > 8),
      text(`{"readings":${arrays(d)}}`, d > 7),
      text(one(arrays(d)), d > 6),
      text(fz(String(now), objects(d)), d > 5),
    ]),
    // Large: 10,001 readings, a 1 MB sensor, a megabyte of blanks, a 100,000-digit number, 50,000 keys.
    text(`{"readings":[${Array.from({ length: 10_001 }, (_, i) => `{"sensor":"NO-SUCH","ts":${now},"value":${i}}`).join(',')}]}`),
    text(fz(String(now), '1', `"${'x'.repeat(1_000_000)}"`)),
    text(`${' '.repeat(1_000_000)}{}`),
    text(fz(String(now), '1'.repeat(100_000))),
    text(one(`{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`)),
    // Invalid UTF-8: stray bytes, an overlong NUL, an encoded surrogate, a cut sequence, raw NUL.
    bytes([0xff, 0xfe, 0xfd]),
    bytes([...Buffer.from('{"readings":[{"sensor":"'), 0xc0, 0x80, ...Buffer.from(`","ts":${now},"value":1}]}`)]),
    bytes([...Buffer.from('{"readings":[{"sensor":"'), 0xed, 0xa0, 0x80, ...Buffer.from(`","ts":${now},"value":1}]}`)]),
    bytes([...Buffer.from('{"readings":[{"sensor":"'), 0xe2, 0x82, ...Buffer.from(`","ts":${now},"value":1}]}`)]),
    bytes([...Buffer.from('{"readings":[{"sensor":"FZ'), 0x00, ...Buffer.from(`","ts":${now},"value":1}]}`)]),
    bytes([...Buffer.from('{"readings":'), 0x00, 0x00, 0xff]),
    bytes([0x00]),
  ];
  const template = Buffer.from(
    `{"readings":[{"sensor":"NO-SUCH","ts":${now},"value":1},{"sensor":"FZ-1","ts":"${new Date(now).toISOString()}","value":5000000}]}`,
  );
  const out: Hostile[] = [...fixed];
  while (out.length < count) {
    const b = Buffer.from(template);
    let m: Buffer = b;
    switch (int(6)) {
      case 0: // flip bytes
        for (let i = 0, n = 1 + int(8); i < n; i++) b[int(b.length)] = int(256);
        break;
      case 1: // cut
        m = b.subarray(0, int(b.length));
        break;
      case 2: // NUL and invalid UTF-8 inserted
        m = Buffer.concat([
          b.subarray(0, int(b.length)),
          Buffer.from([[0x00], [0xff], [0xc3], [0xf0, 0x9f], [0xed, 0xb0, 0x80]][int(5)] as number[]),
          b,
        ]);
        break;
      case 3: {
        // wrapped in nesting
        const d = 1 + int(3000);
        out.push(text(`{"readings":[${arrays(d).slice(0, d)}${template.toString()}${arrays(d).slice(d)}]}`, d + 3 > 8));
        continue;
      }
      case 4: // a field of a random wrong type
        m = Buffer.from(
          template
            .toString()
            .replace(
              ['"NO-SUCH"', String(now), '"value":1', '5000000'][int(4)] as string,
              ['null', 'true', '[]', '{}', '"NaN"', '"Infinity"', '1e999', '""'][int(8)] as string,
            ),
        );
        break;
      default: // random bytes
        m = Buffer.from(Array.from({ length: int(200) }, () => int(256)));
    }
    out.push({ payload: m, deep: false });
  }
  return out.slice(0, count);
}

describe('hostile telemetry', () => {
  let t: TestApp;
  let creditCode = '';
  let cookie = '';
  const now = Date.now();
  const payloads = hostilePayloads(COUNT, now);
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]?.n as number;
  const cleanups: (() => void)[] = [];
  const within = <T>(p: Promise<T>, what: string, ms: number) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref())]);

  before(async () => {
    t = await openTestApp();
    const admin = await t.login('admin');
    const inject = (c: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: c }, payload });
    const e = (await inject(admin, '/api/v1/enterprises', enterpriseBody(9, '320582100000', { industryCode: '2614' }))).json();
    creditCode = e.creditCode;
    await makeUser(t.db, { username: 'ent', role: 'enterpriseAdmin', enterpriseId: e.id });
    cookie = await t.login('ent');
    const m = await inject(cookie, '/api/v1/major-hazard-installations', {
      enterpriseId: e.id,
      name: '氨罐区',
      substances: [{ name: '氨', quantityTonnes: 20 }],
      peopleWithin500m: 10,
    });
    const sensor = await inject(cookie, '/api/v1/sensors', {
      installationId: m.json().id,
      code: 'FZ-1',
      name: '氨气探测器',
      type: 'toxicGas',
      rangeMin: 0,
      rangeMax: 100,
    });
    assert.equal(sensor.statusCode, 201, sensor.body);
  });
  after(async () => {
    for (const clean of cleanups) clean();
    await t.close();
  });

  for (const mode of ['embedded', 'external'] as const)
    test(`${COUNT} hostile messages through the ${mode === 'embedded' ? 'embedded broker' : 'Mosquitto'}, then a good reading: stored within 5 s`, async () => {
      const started = Date.now();
      const pipeline = new TelemetryPipeline(t.db);
      await pipeline.ensurePartitions();
      const clientId = `taishan-fuzz-${process.pid}-${Date.now()}`;
      // On the shared Mosquitto a topic root of this run's own: other tests' subscribers never see these messages.
      const root = `taishan-fuzz-${process.pid}-${Date.now()}/telemetry`;
      const ingest =
        mode === 'embedded'
          ? await startEmbeddedBroker(pipeline, t.app.gateways, { port: 0, host: '127.0.0.1' })
          : await connectExternalBroker(pipeline, MOSQUITTO, clientId, 1, undefined, root);
      const topic = mode === 'embedded' ? `taishan/telemetry/${creditCode}` : `${root}/${creditCode}`;
      try {
        let login = {};
        if (mode === 'embedded') {
          const r = await t.app.inject({
            method: 'POST',
            url: '/api/v1/gateway-credentials',
            headers: { cookie },
            payload: { name: 'fuzz' },
          });
          login = { username: r.json().username, password: r.json().password };
        }
        const url = mode === 'embedded' ? `mqtt://127.0.0.1:${ingest.port}` : MOSQUITTO;
        const gw = await mqtt.connectAsync(url, { clientId: `${clientId}-gw`, reconnectPeriod: 0, connectTimeout: 3000, ...login });
        cleanups.push(() => gw.end(true));
        let closed = false;
        gw.on('close', () => {
          closed = true;
        });
        const deadBefore = await count('SELECT count(*)::int AS n FROM telemetry_dead_letters');
        // QoS 1, up to 100 in flight: through the embedded broker a PUBACK comes once the message is
        // stored or dead-lettered; a message that made ingest throw would close the connection instead.
        let next = 0;
        const worker = async () => {
          while (next < payloads.length) {
            const p = payloads[next++] as (typeof payloads)[number];
            await gw.publishAsync(topic, p.payload, { qos: 1 });
          }
        };
        await within(Promise.all(Array.from({ length: 100 }, worker)), `publishing ${COUNT} hostile messages`, 30_000);
        assert.equal(closed, false, 'the broker never closed the connection');

        const ts = Date.now();
        const sentAt = performance.now();
        await within(
          gw.publishAsync(topic, JSON.stringify({ readings: [{ sensor: 'FZ-1', ts, value: 7.5 }] }), { qos: 1 }),
          'PUBACK',
          5000,
        );
        const stored = () =>
          count("SELECT count(*)::int AS n FROM readings r JOIN sensors s ON s.id = r.sensor_id WHERE s.code = 'FZ-1' AND r.ts = $1", [
            new Date(ts).toISOString(),
          ]);
        while ((await stored()) === 0 && performance.now() - sentAt < 5000) await new Promise((r) => setTimeout(r, 20));
        const took = performance.now() - sentAt;
        assert.equal(await stored(), 1, `the good reading is stored (waited ${Math.round(took)} ms)`);
        assert.ok(took < 5000);
        assert.equal(
          await count(
            "SELECT count(*)::int AS n FROM readings r JOIN sensors s ON s.id = r.sensor_id WHERE s.code = 'FZ-1' AND r.value <> 7.5",
          ),
          0,
          'no hostile message stored a reading',
        );

        // Every hostile message acknowledged and kept as at least one dead letter, with its reason.
        await within(pipeline.drain(), 'the pipeline draining', 10_000);
        if (mode === 'external') {
          const status = () => {
            const s = ingest.status();
            return s.kind === 'external' ? (s.subscribers[0] as NonNullable<(typeof s.subscribers)[0]>) : null;
          };
          for (let i = 0; i < 200 && (status()?.storing || status()?.acksWaiting); i++) await new Promise((r) => setTimeout(r, 25));
          const sub = status();
          assert.deepEqual(
            [sub?.connected, sub?.reconnects, sub?.received, sub?.storing, sub?.acksWaiting],
            [true, 0, COUNT + 1, 0, 0],
            `every message acknowledged, on the first connection: ${JSON.stringify(sub)}`,
          );
        }
        const dead = (await count('SELECT count(*)::int AS n FROM telemetry_dead_letters')) - deadBefore;
        assert.ok(dead >= COUNT, `${dead} dead letters for ${COUNT} messages`);
        const reasons = await t.db.query<{ reason: string }>('SELECT DISTINCT reason FROM telemetry_dead_letters ORDER BY 1');
        for (const r of ['malformed', 'tooDeep', 'invalid', 'unknownSensor', 'outOfRange'])
          assert.ok(
            reasons.some((x) => x.reason === r),
            r,
          );
        const [longest] = await t.db.query<{ n: number }>('SELECT max(length(payload))::int AS n FROM telemetry_dead_letters');
        assert.ok((longest?.n as number) <= 2000 * 6, 'what is kept of each is bounded');
        await gw.endAsync();
      } finally {
        await ingest.close();
        if (mode === 'external') {
          const c = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true, reconnectPeriod: 0, connectTimeout: 3000 });
          await c.endAsync();
        }
      }
      assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
    });

  test('over HTTP the same bodies answer 400, or 200 with dead letters for a well-formed batch; never 500', async () => {
    const seen = new Map<number, number>();
    // Every fixed case and the first of the random ones (each costs a request here).
    for (const p of payloads.slice(0, 600)) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/telemetry',
        headers: { cookie, 'content-type': 'application/json' },
        payload: p.payload,
      });
      seen.set(r.statusCode, (seen.get(r.statusCode) ?? 0) + 1);
      assert.ok([200, 400].includes(r.statusCode), `${r.statusCode} for ${p.payload.subarray(0, 80).toString()}: ${r.body.slice(0, 200)}`);
      if (p.deep) assert.equal(r.statusCode, 400, `nested too deep: ${p.payload.subarray(0, 40).toString()}`);
      if (r.statusCode === 200) assert.equal(r.json().accepted, 0);
    }
    assert.ok((seen.get(400) ?? 0) > 0 && (seen.get(200) ?? 0) > 0, JSON.stringify([...seen]));
    const deep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { cookie, 'content-type': 'application/json' },
      payload: `{"readings":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
    });
    assert.equal(deep.statusCode, 400);
    assert.match(deep.json().error.fields.readings, /嵌套/);
    const nul = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { cookie },
      payload: { creditCode: `${'9'.repeat(17)}\u0000`, readings: [{ sensor: 'FZ-1', ts: now, value: 1 }] },
    });
    assert.equal(nul.statusCode, 400, 'a NUL in the credit code is refused before the database sees it');
  });

  test('a batch the database refuses is dead-lettered alone; the batches written with it are stored', async () => {
    // A database that refuses any write holding the marker, as PostgreSQL refuses a byte sequence it cannot store.
    const refuse = (params: unknown[] | undefined) => JSON.stringify(params ?? []).includes('POISON');
    const wrap = (tx: Queryable): Queryable => ({
      query: (sql, params, o) =>
        refuse(params)
          ? Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8"'), { code: '22021' }))
          : tx.query(sql, params, o),
      ...(tx.copyFrom ? { copyFrom: tx.copyFrom.bind(tx) } : {}),
    });
    const db = new Proxy(t.db, {
      get(target, prop) {
        if (prop === 'transaction') return <T>(fn: (tx: Queryable) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Db;
    const pipeline = new TelemetryPipeline(db);
    await pipeline.ensurePartitions();
    const ts = Date.now();
    const good = (dt: number) => JSON.stringify({ readings: [{ sensor: 'FZ-1', ts: ts + dt, value: 3 }] });
    await pipeline.ingest(creditCode, good(0), 'mqtt'); // the enterprise is cached: the three below are taken in one tick
    const unstorable = await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE reason = 'unstorable'");
    const results = await Promise.allSettled([
      pipeline.ingest(creditCode, good(1), 'mqtt'),
      pipeline.ingest(creditCode, 'POISON, not JSON', 'mqtt'),
      pipeline.ingest(creditCode, good(2), 'mqtt'),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled'],
      JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))),
    );
    assert.equal(
      await count(
        "SELECT count(*)::int AS n FROM readings r JOIN sensors s ON s.id = r.sensor_id WHERE s.code = 'FZ-1' AND r.ts = ANY($1::timestamptz[])",
        [[1, 2].map((dt) => new Date(ts + dt).toISOString())],
      ),
      2,
      'the good batches written with it are stored',
    );
    assert.equal(await count("SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE reason = 'unstorable'"), unstorable + 1);
    const [kept] = await t.db.query<{ credit_code: string; payload: string }>(
      "SELECT credit_code, payload FROM telemetry_dead_letters WHERE reason = 'unstorable' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(kept?.credit_code, creditCode);
    assert.match(kept?.payload as string, /^22021: 0 readings/);
    assert.ok(pipeline.counters.flushes >= 3, 'written together first, then one by one');
  });
});
