// A lean MQTT 3.1.1 QoS 1 publisher for the telemetry benchmark's gateways.
//
// The load generator runs on the same two cores as the server, the broker and the database, so
// every cycle it spends is taken from what is measured. mqtt.js costs several times more per
// message than this (a packet object, an outgoing store and timers per publish); here a publish
// is one buffer, written together with the others of the same tick, and a PUBACK (four bytes)
// is read in place and calls back, no promise per message.
import { type Socket, connect as tcpConnect } from 'node:net';

const EMPTY = Buffer.alloc(0);

export class RawGateway {
  private readonly waiting: ((() => void) | undefined)[] = new Array(65536);
  private nextId = 1;
  private out: Buffer[] = [];
  private rest: Buffer = EMPTY;
  private topic = '';
  private topicBytes: Buffer = EMPTY;

  private constructor(private readonly socket: Socket) {}

  /** Connects; `login` is a gateway credential (the embedded broker admits nobody without one). */
  static connect(url: string, clientId: string, login?: { username: string; password: string }): Promise<RawGateway> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(Number(u.port || 1883), u.hostname);
      socket.setNoDelay(true);
      const gw = new RawGateway(socket);
      socket.once('error', reject);
      socket.once('connect', () => {
        const field = (v: string) => {
          const b = Buffer.from(v);
          return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
        };
        // CONNECT: protocol "MQTT" level 4, clean session (and user name and password flags with a
        // login), keepalive 60 s; then the client id, and the login.
        const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, login ? 0xc2 : 0x02, 0, 60]);
        const body = Buffer.concat([variable, field(clientId), ...(login ? [field(login.username), field(login.password)] : [])]);
        socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]));
      });
      let connected = false;
      socket.on('data', (chunk: Buffer) => {
        const b = gw.rest.length ? Buffer.concat([gw.rest, chunk]) : chunk;
        // Read the packets in place (an offset, not a slice per packet: a PUBACK per message).
        let o = 0;
        while (b.length - o >= 2) {
          const len = b[o + 1] as number; // CONNACK and PUBACK: remaining length 2
          if (b.length - o < 2 + len) break;
          const type = (b[o] as number) >> 4;
          if (type === 2 && !connected) {
            connected = true;
            if (b[o + 3] !== 0) reject(new Error(`CONNACK ${b[o + 3]}`));
            else resolve(gw);
          } else if (type === 4) {
            const id = b.readUInt16BE(o + 2);
            const done = gw.waiting[id];
            gw.waiting[id] = undefined;
            done?.();
          }
          o += 2 + len;
        }
        gw.rest = o === b.length ? EMPTY : b.subarray(o);
      });
    });
  }

  /** QoS 1 publish; `done` is called at the broker's PUBACK. */
  publish(topic: string, payload: string, done?: () => void): void {
    const id = this.nextId;
    this.nextId = this.nextId === 65535 ? 1 : this.nextId + 1;
    if (topic !== this.topic) {
      this.topic = topic;
      this.topicBytes = Buffer.from(topic);
    }
    const t = this.topicBytes;
    const payloadLength = Buffer.byteLength(payload);
    const len = 2 + t.length + 2 + payloadLength;
    const head = remainingLength(len);
    const b = Buffer.allocUnsafe(1 + head.length + len);
    b[0] = 0x32; // PUBLISH, QoS 1
    head.copy(b, 1);
    let o = 1 + head.length;
    b.writeUInt16BE(t.length, o);
    t.copy(b, o + 2);
    o += 2 + t.length;
    b.writeUInt16BE(id, o);
    b.write(payload, o + 2, payloadLength);
    if (this.out.length === 0)
      setImmediate(() => {
        const all = this.out;
        this.out = [];
        this.socket.write(all.length === 1 ? (all[0] as Buffer) : Buffer.concat(all));
      });
    this.out.push(b);
    this.waiting[id] = done;
  }

  async end(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.end(Buffer.from([0xe0, 0]), () => resolve()));
    this.socket.destroy();
  }
}

function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let d = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) d |= 128;
    bytes.push(d);
  } while (n > 0);
  return Buffer.from(bytes);
}
