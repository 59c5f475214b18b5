// The monitoring tests' site, opened afresh by each test so that any test runs alone: the
// standard cast (openCastApp), an installation of the cast's enterprise (液氯罐区, in Zhangjiagang),
// and unless told otherwise its three sensors — GT-101 combustible gas (high 20, high-high 40,
// rate limit 50/min, offline after 60 s), PT-201 pressure (0–2.5 MPa) and LT-301 level (0–12 m).
// Every MQTT client and stream a test opens is closed after it whatever happened, and every wait on
// the network bounded: a test that fails half-way must fail, not leave the file waiting forever on
// a client that keeps reconnecting or an event that never comes.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import mqtt from 'mqtt';
import { type CastApp, type CastName, openCastApp } from '../../test/harness.ts';

export const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

export const GAS = {
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
} as const;
const PRESSURE = { code: 'PT-201', name: '1号罐压力', type: 'pressure', rangeMin: 0, rangeMax: 2.5, high: 1.6, highHigh: 2.0 } as const;
const LEVEL = { code: 'LT-301', name: '1号罐液位', type: 'level', rangeMin: 0, rangeMax: 12, high: 10, highHigh: 11 } as const;

export type Site = CastApp & {
  creditCode: string;
  installationId: string;
  /** Sensor ids by code (empty with `sensors: false`). */
  sensor: Record<string, string>;
  /** A minute ago: readings from here on are neither late nor in the future. */
  base: number;
  as: (who: CastName, method: string, url: string, payload?: unknown) => ReturnType<CastApp['inject']>;
  /** Readings over HTTP as `who` (the enterprise admin by default). */
  send: (readings: unknown[], who?: CastName) => ReturnType<CastApp['inject']>;
  count: (sql: string, params?: unknown[]) => Promise<number>;
  /** Issues a gateway credential; returns the MQTT login it gives. */
  issue: (who: CastName, body: object) => Promise<{ username: string; password: string; id: string }>;
  connect: (url: string, opts: mqtt.IClientOptions) => Promise<mqtt.MqttClient>;
  /** Closed after the test. */
  cleanup: (fn: () => void) => void;
};

export const within = <T>(p: Promise<T>, what: string, ms = 10_000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref())]);

export async function openSite(t: TestContext, opts: { sensors?: boolean } = {}): Promise<Site> {
  const c = await openCastApp();
  const cleanups: (() => void)[] = [];
  t.after(async () => {
    for (const clean of cleanups) clean();
    await c.close();
  });
  const as: Site['as'] = (who, method, url, payload) => c.inject(c.cookies[who], method, url, payload);
  const [e] = await c.db.query<{ credit_code: string }>('SELECT credit_code FROM enterprises WHERE id = $1', [c.enterpriseId]);
  const inst = await as('ent', 'POST', '/api/v1/major-hazard-installations', {
    enterpriseId: c.enterpriseId,
    name: '液氯罐区',
    substances: [{ name: '氯', quantityTonnes: 20 }],
    peopleWithin500m: 10,
  });
  assert.equal(inst.statusCode, 201, inst.body);
  const installationId = inst.json().id as string;
  const sensor: Record<string, string> = {};
  if (opts.sensors !== false)
    for (const body of [GAS, PRESSURE, LEVEL]) {
      const r = await as('ent', 'POST', '/api/v1/sensors', { installationId, ...body });
      assert.equal(r.statusCode, 201, r.body);
      sensor[body.code] = r.json().id;
    }
  return {
    ...c,
    creditCode: e?.credit_code as string,
    installationId,
    sensor,
    base: Date.now() - 60_000,
    as,
    send: (readings, who = 'ent') => as(who, 'POST', '/api/v1/telemetry', { readings }),
    count: async (sql, params = []) => (await c.db.query<{ n: number }>(sql, params))[0]?.n as number,
    async issue(who, body) {
      const r = await as(who, 'POST', '/api/v1/gateway-credentials', body);
      assert.equal(r.statusCode, 201, r.body);
      return { username: r.json().username, password: r.json().password, id: r.json().id };
    },
    async connect(url, o) {
      const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 3000, ...o });
      cleanups.push(() => client.end(true));
      return client;
    },
    cleanup: (fn) => cleanups.push(fn),
  };
}
