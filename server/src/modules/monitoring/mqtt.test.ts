// Telemetry over MQTT, through the embedded broker and through Mosquitto (127.0.0.1:1883, or
// MQTT_TEST_URL): QoS 1 acknowledged means stored, what operators see of the MQTT side, the
// sensor simulator, and gateway credentials — issued and revoked by the enterprise admin, the
// broker refusing strangers, other enterprises, subscriptions and revoked ones, and the same
// credential over HTTP. Each test opens its own site (test-site.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAST, enterpriseBody, TEST_PASSWORD } from '../../test/harness.ts';
import { connectExternalBroker, startEmbeddedBroker } from './broker.ts';
import { TelemetryPipeline } from './pipeline.ts';
import { simulateSensors } from './simulate-cli.ts';
import { MOSQUITTO, openSite, within } from './test-site.ts';

test('simulate-sensors publishes readings for the sensors the account sees, through the broker', async (tc) => {
  const t = await openSite(tc);
  const { count } = t;
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
    await assert.rejects(run('cast-county'), /may not issue a gateway credential/);
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
  test(`MQTT QoS 1 through the ${name}: acknowledged means stored`, async (tc) => {
    const t = await openSite(tc);
    const { as, count, issue, connect, base, creditCode } = t;
    const pipeline = new TelemetryPipeline(t.db);
    await pipeline.ensurePartitions();
    const clientId = `taishan-test-${mode}-${process.pid}-${Date.now()}`;
    // MQTT_URL may carry a password (the test Mosquitto takes any): the status must not repeat it.
    const withPassword = MOSQUITTO.replace('//', '//taishan:s3cret-pw@');
    // On the shared Mosquitto a root of its own: the suites on PGlite and PostgreSQL run side by side.
    const root = `taishan-test-${process.pid}/telemetry`;
    const ingest =
      mode === 'embedded'
        ? await startEmbeddedBroker(pipeline, t.app.gateways, { port: 0, host: '127.0.0.1' })
        : await connectExternalBroker(pipeline, withPassword, clientId, 1, undefined, root);
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
          mode === 'embedded' ? `taishan/telemetry/${creditCode}` : `${root}/${creditCode}`,
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

test('gateway credentials: the enterprise admin issues and revokes; the broker refuses strangers, other enterprises, subscriptions and revoked ones', async (tc) => {
  const t = await openSite(tc);
  const { as, count, issue, connect, base, creditCode, enterpriseId } = t;
  const other = (await as('admin', 'POST', '/api/v1/enterprises', enterpriseBody(8, CAST.town))).json();
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
