// A durable MQTT 5 subscriber that acknowledges each QoS 1 message after its batch is committed,
// while keeping many messages in flight. (mqtt.js handles incoming packets one at a time and sends
// the PUBACK before taking the next, so ack-after-commit through it means one message per write:
// a few thousand readings a second at best.) Here every PUBLISH goes straight to the pipeline,
// which batches them; PUBACKs follow as the batches commit, in arrival order (one stored early
// waits for those received before it), which is the order MQTT requires. A session that outlives
// us (clean start off, session expiry a week) lets the broker keep and re-deliver whatever was
// not acknowledged when we died.
import { type Socket, connect as tcpConnect } from 'node:net';
import { MQTT_RECEIVE_MAXIMUM } from '@taishan/domain';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { AckQueue } from './ack-queue.ts';

export type OnMessage = (topic: string, payload: Buffer) => Promise<unknown>;

/** One subscriber connection as an operator sees it (GET /api/v1/telemetry/stats). */
export type SubscriberStatus = {
  connected: boolean;
  /** When the current connection was made (ISO), null before the first. */
  since: string | null;
  reconnects: number;
  /** QoS 1 messages received on the current connection. */
  received: number;
  /** Received and not yet stored (in the pipeline). */
  storing: number;
  /**
   * Stored, their acknowledgements not yet taken by the socket: the broker still holds these
   * messages (and re-delivers them if we drop). Growing means the broker reads acks slower than
   * it delivers — its memory grows with it.
   */
  acksWaiting: number;
};

/** One connection's counts: QoS 1 messages received, stored, and acknowledged (taken by the socket). */
const newCounts = () => ({ subscribed: false, since: null as Date | null, received: 0, stored: 0, taken: 0 });

/** Mosquitto's count of the messages it holds (retained, queued and in flight), in its $SYS tree. */
export const BROKER_STORED_TOPIC = '$SYS/broker/store/messages/count';

export class DurableSubscriber {
  private socket: Socket | null = null;
  private stopping = false;
  private ping: NodeJS.Timeout | null = null;
  private nextId = 1;
  /** Subscriptions made (the first, then one per reconnect). */
  private connections = 0;
  /** The broker's own count of messages held, when it publishes one (BROKER_STORED_TOPIC); null until then. */
  brokerStored: number | null = null;
  private current = newCounts();

  constructor(
    private readonly url: URL,
    private readonly clientId: string,
    private readonly topic: string,
    private readonly onMessage: OnMessage,
    private readonly log: (m: string) => void = () => undefined,
  ) {}

  /** Connects and subscribes; resolves at the first SUBACK. Reconnects by itself afterwards. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let first = true;
      const connectOnce = () => {
        const socket = tcpConnect(Number(this.url.port || 1883), this.url.hostname);
        this.socket = socket;
        // Counts of this connection only: after a reconnect the broker re-delivers what was not acknowledged.
        const counts = newCounts();
        this.current = counts;
        socket.setNoDelay(true);
        const parser = mqttPacket.parser({ protocolVersion: 5 });
        const send = (p: Packet) => socket.write(mqttPacket.generate(p, { protocolVersion: 5 }));
        // Messages received and not yet acknowledged, oldest first. PUBACKs go out in the order
        // received (MQTT 4.6): a message stored early (its enterprise cached while an earlier
        // one's loads) waits for those before it.
        const unacked = new AckQueue();
        // The stored run at the head goes out in one write: a batch of a thousand single-reading
        // messages would otherwise cost a thousand system calls. One write at a time: a broker
        // that reads them slower than it delivers (Mosquitto 2.0 does, flooded with single-reading
        // messages by several gateways: see ingest-health.ts) leaves them waiting here, three
        // bytes each, until the last write is taken. Queued as separate small writes instead, each
        // would pin an 8 KB slab of Node's buffer pool: measured, 77 MB after 2½ minutes.
        let writing = false;
        let scheduled = false;
        const writeAcks = () => {
          scheduled = false;
          if (writing || socket.destroyed) return;
          const b = unacked.takeStoredRun();
          if (!b) return;
          writing = true;
          socket.write(b, () => {
            counts.taken += b.length / 4;
            writing = false;
            writeAcks();
          });
        };
        socket.on('connect', () => {
          send({
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 5,
            clean: false,
            clientId: this.clientId,
            keepalive: 30,
            // At most this many unacknowledged messages from the broker — as it counts them: Mosquitto
            // counts one until it has read our PUBACK, and may read those slower than it delivers.
            properties: { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: MQTT_RECEIVE_MAXIMUM },
            ...(this.url.username
              ? { username: decodeURIComponent(this.url.username), password: Buffer.from(decodeURIComponent(this.url.password)) }
              : {}),
          });
        });
        parser.on('packet', (p: Packet) => {
          switch (p.cmd) {
            case 'connack':
              if (p.reasonCode) {
                socket.destroy(new Error(`MQTT connect refused: ${p.reasonCode}`));
                return;
              }
              send({
                cmd: 'subscribe',
                messageId: this.nextId++,
                // And, at QoS 0, how many messages the broker holds, where it says (Mosquitto
                // publishes it when it changes, checked every 10 s, retained for a minute; a broker
                // that does not just never sends it).
                subscriptions: [
                  { topic: this.topic, qos: 1 },
                  { topic: BROKER_STORED_TOPIC, qos: 0 },
                ],
              });
              this.ping = setInterval(() => send({ cmd: 'pingreq' }), 25_000);
              break;
            case 'suback':
              counts.subscribed = true;
              counts.since = new Date();
              this.connections++;
              if (first) {
                first = false;
                resolve();
              }
              break;
            case 'publish': {
              const pub = p as IPublishPacket;
              const payload = Buffer.isBuffer(pub.payload) ? pub.payload : Buffer.from(pub.payload);
              if (pub.topic === BROKER_STORED_TOPIC) {
                const n = Number(payload.toString());
                if (Number.isFinite(n)) this.brokerStored = n;
                break;
              }
              const seq = pub.qos === 1 ? unacked.push(pub.messageId as number) : -1;
              if (seq >= 0) counts.received++;
              this.onMessage(pub.topic, payload).then(
                () => {
                  if (seq < 0 || socket.destroyed) return;
                  unacked.markStored(seq);
                  counts.stored++;
                  if (!writing && !scheduled) {
                    scheduled = true;
                    setImmediate(writeAcks);
                  }
                },
                // Not stored: drop the connection unacknowledged; the broker re-delivers after we reconnect.
                (err: Error) => socket.destroy(err),
              );
              break;
            }
            default:
          }
        });
        socket.on('data', (buf) => parser.parse(buf));
        socket.on('error', (err) => {
          if (first) {
            first = false;
            reject(err);
          } else this.log(`MQTT: ${err.message}`);
        });
        socket.on('close', () => {
          if (this.ping) clearInterval(this.ping);
          if (!this.stopping && !first) setTimeout(connectOnce, 1000);
        });
      };
      connectOnce();
    });
  }

  status(): SubscriberStatus {
    const c = this.current;
    return {
      connected: c.subscribed && !!this.socket && !this.socket.destroyed,
      since: c.since?.toISOString() ?? null,
      reconnects: Math.max(0, this.connections - 1),
      received: c.received,
      storing: c.received - c.stored,
      acksWaiting: c.stored - c.taken,
    };
  }

  async close(): Promise<void> {
    this.stopping = true;
    const s = this.socket;
    if (!s || s.destroyed) return;
    await new Promise<void>((resolve) => {
      s.end(mqttPacket.generate({ cmd: 'disconnect', reasonCode: 0 } as Packet, { protocolVersion: 5 }), () => resolve());
      setTimeout(resolve, 500);
    });
    s.destroy();
  }
}
