// A lean MQTT 3.1.1 QoS 1 publisher for the telemetry benchmark's gateways.
//
// The load generator runs on the same two cores as the server, the broker and the database, so
// every cycle it spends is taken from what is measured. mqtt.js costs several times more per
// message than this (a packet object, an outgoing store and timers per publish); here a publish
// is one buffer, written together with the others of the same tick, and a PUBACK is four bytes.
import { type Socket, connect as tcpConnect } from 'node:net';

export class RawGateway {
  private readonly waiting: ((() => void) | undefined)[] = new Array(65536);
  private nextId = 1;
  private out: Buffer[] = [];
  private rest: Buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {}

  static connect(url: string, clientId: string): Promise<RawGateway> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(Number(u.port || 1883), u.hostname);
      socket.setNoDelay(true);
      const gw = new RawGateway(socket);
      socket.once('error', reject);
      socket.once('connect', () => {
        const id = Buffer.from(clientId);
        // CONNECT: protocol "MQTT" level 4, clean session, keepalive 60 s.
        const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 60]);
        const body = Buffer.concat([variable, Buffer.from([id.length >> 8, id.length & 255]), id]);
        socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]));
      });
      let connected = false;
      socket.on('data', (chunk: Buffer) => {
        let b = gw.rest.length ? Buffer.concat([gw.rest, chunk]) : chunk;
        while (b.length >= 2) {
          const len = b[1] as number; // CONNACK and PUBACK: remaining length 2
          if (b.length < 2 + len) break;
          const type = (b[0] as number) >> 4;
          if (type === 2 && !connected) {
            connected = true;
            if (b[3] !== 0) reject(new Error(`CONNACK ${b[3]}`));
            else resolve(gw);
          } else if (type === 4) {
            const id = b.readUInt16BE(2);
            const done = gw.waiting[id];
            gw.waiting[id] = undefined;
            done?.();
          }
          b = b.subarray(2 + len);
        }
        gw.rest = b;
      });
    });
  }

  /** QoS 1 publish; resolves at the broker's PUBACK. */
  publish(topic: string, payload: string): Promise<void> {
    const id = this.nextId;
    this.nextId = this.nextId === 65535 ? 1 : this.nextId + 1;
    const t = Buffer.from(topic);
    const p = Buffer.from(payload);
    const len = 2 + t.length + 2 + p.length;
    const head = remainingLength(len);
    const b = Buffer.allocUnsafe(1 + head.length + len);
    b[0] = 0x32; // PUBLISH, QoS 1
    head.copy(b, 1);
    let o = 1 + head.length;
    b.writeUInt16BE(t.length, o);
    t.copy(b, o + 2);
    o += 2 + t.length;
    b.writeUInt16BE(id, o);
    p.copy(b, o + 2);
    if (this.out.length === 0)
      setImmediate(() => {
        const all = this.out;
        this.out = [];
        this.socket.write(all.length === 1 ? (all[0] as Buffer) : Buffer.concat(all));
      });
    this.out.push(b);
    return new Promise((resolve) => {
      this.waiting[id] = resolve;
    });
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
