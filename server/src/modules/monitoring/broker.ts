// MQTT ingest. Gateways publish `{ readings: [...] }` to taishan/telemetry/{creditCode}, QoS 1.
//
// - Embedded (default): an in-process aedes broker on MQTT_PORT (1883). A gateway logs in with a
//   gateway credential (gateways.ts) and may publish only for the enterprises it covers. Each
//   telemetry PUBLISH is written through the pipeline inside aedes' authorizePublish hook, which
//   runs before the PUBACK: the gateway's acknowledgement means the readings are committed.
// - External (MQTT_URL, e.g. Mosquitto or EMQX): the server subscribes with a persistent MQTT 5
//   session (subscriber.ts) and acknowledges each message only after its batch commits, so the
//   broker re-delivers whatever a crash left unacknowledged; the readings table's (sensor, ts)
//   key makes the re-delivery write nothing twice.
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthErrorCode, type Client } from 'aedes';
import type { GatewayAuth, GatewaySession } from './gateway-auth.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import { DurableSubscriber, type SubscriberStatus } from './subscriber.ts';

export const TELEMETRY_TOPIC = /^taishan\/telemetry\/([0-9A-Z]{18})$/;
const SHARE_GROUP = /^[A-Za-z0-9_-]{1,64}$/;

/** The MQTT side of ingest as operators see it: the embedded broker's gateways, or our subscribers on an external one. */
export type MqttStatus =
  | { kind: 'embedded'; port: number | null; clients: number }
  | { kind: 'external'; broker: string; brokerStoredMessages: number | null; subscribers: SubscriberStatus[] };

export type MqttIngest = {
  kind: 'embedded' | 'external';
  port: number | null;
  status: () => MqttStatus;
  close: () => Promise<void>;
};

export async function startEmbeddedBroker(
  pipeline: TelemetryPipeline,
  gateways: GatewayAuth,
  { port, host = '0.0.0.0', log }: { port: number; host?: string; log?: (m: string) => void },
): Promise<MqttIngest> {
  const broker = await Aedes.createBroker();
  const sessions = new WeakMap<Client, GatewaySession>();
  broker.authenticate = (client, username, password, done) => {
    gateways.verify(username, password).then(
      (session) => {
        if (!session) {
          // No client id or address in the log: a gateway's id may name a person's device.
          log?.('MQTT 连接被拒：接入凭证无效 MQTT connect refused: bad gateway credential');
          return done(Object.assign(new Error('bad gateway credential'), { returnCode: 4 as AuthErrorCode }), false);
        }
        sessions.set(client, session);
        const detach = gateways.attach(session.credentialId, client);
        client.conn.once('close', detach);
        done(null, true);
      },
      () => done(Object.assign(new Error('server unavailable'), { returnCode: 3 as AuthErrorCode }), false),
    );
  };
  // Readings are the enterprises' own data: nobody subscribes through the platform's broker.
  broker.authorizeSubscribe = (_client, _sub, callback) => {
    gateways.counters.refusedSubscribes++;
    callback(null, null);
  };
  broker.authorizePublish = (client, packet, callback) => {
    const m = TELEMETRY_TOPIC.exec(packet.topic);
    const session = client ? sessions.get(client) : undefined;
    if (!m || !session) return callback(new Error('only taishan/telemetry/{creditCode} is accepted'));
    const creditCode = m[1] as string;
    const allowed = session.allowed.get(creditCode);
    const write = () =>
      pipeline.ingest(creditCode, packet.payload as Buffer, 'mqtt').then(
        () => callback(null),
        // Not stored: no acknowledgement; the gateway sends it again after reconnecting.
        (err: Error) => callback(err),
      );
    // After the first message for a code the answer is cached: no extra await on the hot path.
    if (allowed === true) return void write();
    gateways.mayPublish(session, creditCode).then(
      (ok) => (ok ? write() : callback(new Error('this credential does not cover that enterprise'))),
      (err: Error) => callback(err),
    );
  };
  const server: Server = createServer(broker.handle as (socket: import('node:net').Socket) => void);
  const bound = await new Promise<number | null>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      log?.(`MQTT 端口 ${port} 不可用（${err.code}），仅 HTTP 接收 MQTT port unavailable; HTTP ingest only`);
      resolve(null);
    });
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
  return {
    kind: 'embedded',
    port: bound,
    status: () => ({ kind: 'embedded', port: bound, clients: broker.connectedClients }),
    close: async () => {
      await new Promise<void>((r) => broker.close(() => r()));
      if (bound !== null) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * Subscribes through one connection, or `subscribers` sharing one subscription ($share/taishan/…).
 * Each connection asks (MQTT 5 receive maximum) for up to MQTT_RECEIVE_MAXIMUM unacknowledged
 * messages, and Mosquitto 2.0 reads one packet per connection per turn of its loop, so with
 * several flooding gateways one connection's acknowledgements are read slower than messages
 * arrive; more connections keep up (measured, single-reading messages from 4 gateways: 1
 * connection 27,108/s with Mosquitto growing to 783 MB in 90 s, 4 connections 21,752/s flat).
 * But Mosquitto does not keep shared-subscription messages for members that are down, so a crash
 * can lose what arrives meanwhile (our kill -9 test showed it); the default is therefore one
 * connection, loss-free. For single-reading fleets the embedded broker does better (README).
 */
export async function connectExternalBroker(
  pipeline: TelemetryPipeline,
  url: string,
  clientId = 'taishan-ingest',
  subscribers = 1,
  log?: (m: string) => void,
  /** Tests on a shared broker use a root of their own, out of the way of each other's messages. */
  root = 'taishan/telemetry',
  /**
   * MQTT_SHARE_GROUP: several server processes share one subscription ($share/<group>/…): the
   * broker hands each message to one of them. Each process then needs its own client id (the
   * caller adds TAISHAN_INSTANCE to it) and keeps its own persistent session.
   */
  shareGroup?: string,
): Promise<MqttIngest> {
  if (shareGroup !== undefined && !SHARE_GROUP.test(shareGroup))
    throw new Error(
      `MQTT_SHARE_GROUP "${shareGroup}": letters, digits, - and _ only (它是共享订阅组名 the shared subscription's group name)`,
    );
  const group = shareGroup ?? (subscribers > 1 ? 'taishan' : null);
  const topic = group ? `$share/${group}/${root}/+` : `${root}/+`;
  const onMessage = (t: string, payload: Buffer) => {
    const m = t.startsWith(`${root}/`) ? TELEMETRY_TOPIC.exec(`taishan/telemetry/${t.slice(root.length + 1)}`) : null;
    return m ? pipeline.ingest(m[1] as string, payload, 'mqtt') : Promise.resolve();
  };
  const subs = Array.from(
    { length: subscribers },
    (_, i) => new DurableSubscriber(new URL(url), subscribers > 1 ? `${clientId}-${i}` : clientId, topic, onMessage, log),
  );
  await Promise.all(subs.map((s) => s.start()));
  const { protocol, host } = new URL(url);
  return {
    kind: 'external',
    port: null,
    // The broker's address without the credentials that MQTT_URL may carry.
    status: () => ({
      kind: 'external',
      broker: `${protocol}//${host}`,
      brokerStoredMessages: subs.find((s) => s.brokerStored !== null)?.brokerStored ?? null,
      subscribers: subs.map((s) => s.status()),
    }),
    close: async () => void (await Promise.all(subs.map((s) => s.close()))),
  };
}
