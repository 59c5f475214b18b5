// `taishan simulate-sensors`: publishes realistic readings, with excursions through the alarm
// thresholds, for registered sensors — for demos and load. The sensors come from the running
// platform's API (the account must see them: default the demo admin), so it works against the
// embedded PGlite database too; readings go to an MQTT broker (the embedded one by default).
// The embedded broker wants a gateway credential: unless the MQTT URL carries its own user and
// password, the simulator issues itself one through the API for the run and revokes it after.
import mqtt from 'mqtt';
import { SensorSimulator, type SimTarget } from './simulator.ts';

export type SimulateOptions = {
  installations: number;
  sensorsPer: number;
  /** Readings per second per sensor. */
  rate: number;
  batch: number;
  mqttUrl: string;
  apiUrl: string;
  username: string;
  password: string;
  seconds: number | null;
};

type ApiSensor = {
  code: string;
  creditCode: string;
  installationId: string;
  decommissionedAt: string | null;
  type: string;
  rangeMin: number;
  rangeMax: number;
  high: number | null;
  highHigh: number | null;
};

export async function simulateSensors(o: SimulateOptions, log = console.log): Promise<number> {
  const login = await fetch(`${o.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: o.username, password: o.password }),
  });
  if (!login.ok) throw new Error(`login to ${o.apiUrl} failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { items } = (await (await fetch(`${o.apiUrl}/api/v1/sensors`, { headers: { cookie } })).json()) as { items: ApiSensor[] };
  const byInstallation = new Map<string, ApiSensor[]>();
  // Decommissioned sensors are kept in the registry, but nothing reads from them any more.
  for (const s of items.filter((x) => !x.decommissionedAt))
    byInstallation.set(s.installationId, [...(byInstallation.get(s.installationId) ?? []), s]);
  const chosen = [...byInstallation.values()].slice(0, o.installations).map((list) => list.slice(0, o.sensorsPer));
  const targets = new Map<string, SimTarget>();
  for (const s of chosen.flat()) {
    const t = targets.get(s.creditCode) ?? { creditCode: s.creditCode, sensors: [] };
    t.sensors.push(s);
    targets.set(s.creditCode, t);
  }
  const count = chosen.flat().length;
  if (!count) throw new Error('no sensors visible to this account: register some first (监测点位)');
  log(`模拟 simulating ${count} sensors on ${chosen.length} installations, ${o.rate}/s each, batches of ${o.batch} → ${o.mqttUrl}`);
  const sim = new SensorSimulator([...targets.values()], 0.002);
  const credential = await gatewayLogin(o, cookie, (await login.json()) as { role: string });
  const client = await mqtt.connectAsync(o.mqttUrl, { clientId: `taishan-simulator-${process.pid}`, ...credential.mqtt });
  let published = 0;
  const started = Date.now();
  const stopAt = o.seconds ? started + o.seconds * 1000 : Number.POSITIVE_INFINITY;
  const everyMs = 1000 / o.rate;
  let next = Date.now();
  const report = setInterval(
    () => log(`已发送 published ${published.toLocaleString('en')} readings (${Math.round(published / ((Date.now() - started) / 1000))}/s)`),
    5000,
  );
  try {
    while (Date.now() < stopAt) {
      const ts = Date.now();
      await Promise.all(
        sim.step(ts, o.batch).map((b) => {
          published += b.payload.readings.length;
          return client.publishAsync(`taishan/telemetry/${b.creditCode}`, JSON.stringify(b.payload), { qos: 1 });
        }),
      );
      next += everyMs;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    clearInterval(report);
    await client.endAsync();
    await credential.revoke();
  }
  log(`完成 done: ${published.toLocaleString('en')} readings`);
  return 0;
}

/** MQTT login for the run: the URL's own user, or a credential issued now and revoked at the end. */
async function gatewayLogin(o: SimulateOptions, cookie: string, me: { role: string }) {
  if (new URL(o.mqttUrl).username) return { mqtt: {}, revoke: async () => undefined };
  // A platform admin covers every enterprise it sees with one regional credential; an
  // enterprise admin gets one for its own enterprise. Other accounts may not issue credentials.
  const body = {
    name: `simulate-sensors ${process.pid} ${new Date().toISOString()}`,
    ...(me.role === 'platformAdmin' ? { regionCode: '' } : {}),
  };
  const r = await fetch(`${o.apiUrl}/api/v1/gateway-credentials`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok)
    throw new Error(
      `this account may not issue a gateway credential (${r.status}): log in as a platform or enterprise admin, or put a credential in the MQTT URL (mqtt://id:secret@host)`,
    );
  const c = (await r.json()) as { id: string; username: string; password: string };
  return {
    mqtt: { username: c.username, password: c.password },
    revoke: async () => {
      await fetch(`${o.apiUrl}/api/v1/gateway-credentials/${c.id}/revoke`, { method: 'POST', headers: { cookie } });
    },
  };
}
